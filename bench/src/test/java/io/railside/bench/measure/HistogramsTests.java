package io.railside.bench.measure;

import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HistogramsTests {

	@Test
	void mergesWorkersHistogramsExactlyThroughTheirEncoding() {
		Histogram first = Histograms.create();
		Histogram second = Histograms.create();
		for (int i = 1; i <= 99; i++) {
			first.recordValue(1_000);
		}
		second.recordValue(500_000);

		Histogram merged = Histograms
			.merge(List.of(Histograms.decode(Histograms.encode(first)), Histograms.decode(Histograms.encode(second))));

		assertThat(merged.getTotalCount()).isEqualTo(100);
		assertThat(merged.getValueAtPercentile(99)).isBetween(999L, 1_001L);
		assertThat(merged.getMaxValue()).isBetween(499_000L, 501_000L);
	}

	@Test
	void summarizesMicrosecondsAsMilliseconds() {
		Histogram micros = Histograms.create();
		for (int i = 1; i <= 1000; i++) {
			micros.recordValue(i * 100L);
		}

		Latency latency = Latency.of(micros);

		assertThat(latency.count()).isEqualTo(1000);
		assertThat(latency.p50()).isCloseTo(50.0, within(0.1));
		assertThat(latency.p99()).isCloseTo(99.0, within(0.1));
		assertThat(latency.max()).isCloseTo(100.0, within(0.1));
	}

	@Test
	void anEmptyHistogramSummarizesAsNone() {
		assertThat(Latency.of(Histograms.create())).isEqualTo(Latency.NONE);
	}

}
