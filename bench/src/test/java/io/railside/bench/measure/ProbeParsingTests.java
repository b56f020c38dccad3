package io.railside.bench.measure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeParsingTests {

	@Test
	void readsUserAndSystemTicksPastAProcessNameWithSpaces() {
		String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 30 0 100 0 0";

		assertThat(CpuProbe.parseTicks(stat)).isEqualTo(1234 + 567);
	}

	@Test
	void readsKibibytesFromJcmdOutput() {
		String heapInfo = " garbage-first heap   total 262144K, used 23456K [0x00000000c0000000, 0x0000000100000000)";

		assertThat(MemoryProbe.kibibytes(java.util.regex.Pattern.compile("used (\\d+)K"), heapInfo))
			.isEqualTo(23456L * 1024);
	}

}
