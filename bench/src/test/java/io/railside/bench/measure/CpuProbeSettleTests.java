package io.railside.bench.measure;

import java.time.Duration;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settled means under a tenth of a core over one window; a wait never passes its limit.
 */
@Timeout(30)
class CpuProbeSettleTests {

	private static final Duration WINDOW = Duration.ofMillis(500);

	private static final Duration LIMIT = Duration.ofSeconds(10);

	@Test
	void settlesAtTheFirstWindowUnderATenthOfACore() {
		// 100 ms of CPU in two windows, then 40 ms: the third look
		long waited = CpuProbe.awaitSettled(readings(0, 100_000, 200_000, 240_000), WINDOW, LIMIT, (pause) -> {
		});

		assertThat(waited).isEqualTo(3 * WINDOW.toMillis());
	}

	@Test
	void aProcessBusyThroughoutDoesNotSettleAndTheWaitEndsAtTheLimit() {
		long[] looks = new long[1];
		long waited = CpuProbe.awaitSettled(() -> looks[0]++ * 400_000, WINDOW, LIMIT, (pause) -> {
		});

		assertThat(waited).isEqualTo(-1);
		assertThat(looks[0]).as("the first reading and one per window of the limit").isEqualTo(1 + 20);
	}

	@Test
	void anIdleProcessSettlesAtTheFirstLook() throws Exception {
		Process idle = new ProcessBuilder("sleep", "20").start();
		try {
			long waited = new CpuProbe(List.of(idle.pid())).awaitSettled(Duration.ofMillis(200), LIMIT);

			assertThat(waited).isEqualTo(200);
		}
		finally {
			idle.destroyForcibly();
			idle.waitFor(5, TimeUnit.SECONDS);
		}
	}

	private static java.util.function.LongSupplier readings(long... micros) {
		PrimitiveIterator.OfLong next = LongStream.of(micros).iterator();
		return next::nextLong;
	}

}
