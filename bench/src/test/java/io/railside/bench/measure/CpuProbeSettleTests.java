package io.railside.bench.measure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process that idles settles after one look; one that spins never does, and the wait
 * ends at its limit.
 */
@Timeout(30)
class CpuProbeSettleTests {

	private static final Duration WINDOW = Duration.ofMillis(200);

	@Test
	void anIdleProcessSettlesAtTheFirstLook() throws Exception {
		Process idle = new ProcessBuilder("sleep", "20").start();
		try {
			long waited = new CpuProbe(List.of(idle.pid())).awaitSettled(WINDOW, Duration.ofSeconds(5));

			assertThat(waited).isBetween(WINDOW.toMillis(), 2 * WINDOW.toMillis() + 500);
		}
		finally {
			stop(idle);
		}
	}

	@Test
	void aBusyProcessDoesNotSettle() throws Exception {
		Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
		try {
			long waited = new CpuProbe(List.of(busy.pid())).awaitSettled(WINDOW, Duration.ofSeconds(2));

			assertThat(waited).isEqualTo(-1);
		}
		finally {
			stop(busy);
		}
	}

	private static void stop(Process process) throws InterruptedException {
		process.destroyForcibly();
		process.waitFor(5, TimeUnit.SECONDS);
	}

}
