package io.railside.bench.scenario;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import io.railside.bench.load.ConnectWave;
import io.railside.bench.measure.MemoryProbe;
import io.railside.bench.measure.MemorySample;
import io.railside.bench.report.HoldResult;
import io.railside.bench.worker.WaveSummary;
import io.railside.bench.worker.WorkerFleet;

import org.jspecify.annotations.Nullable;

/**
 * N idle sessions, each subscribed to its own topic, held by worker processes; the
 * server's memory is measured before (after a warm-up) and while it holds them.
 */
final class HoldScenario {

	private static final int WARM_UP_SESSIONS = 200;

	private static final double CONNECTS_PER_SECOND = 1_000;

	private HoldScenario() {
	}

	static HoldResult run(ScenarioContext context) {
		if (context.memoryPid() == 0) {
			throw new IllegalStateException("hold needs the server's process id");
		}
		warmUp(context);
		MemorySample atZero = MemoryProbe.sample(context.memoryPid(), context.jvm());
		int sessions = context.plan().holdSessions();
		try (WorkerFleet fleet = Waves.fleet(context, "/topic/bench.hold", sessions, CONNECTS_PER_SECOND)) {
			WaveSummary wave = fleet.go(Duration.ofSeconds(120 + (long) (sessions / CONNECTS_PER_SECOND)));
			settle();
			MemorySample atN = MemoryProbe.sample(context.memoryPid(), context.jvm());
			long n = Math.max(1, wave.connected());
			return new HoldResult(sessions, (int) wave.connected(), wave.failureReasons(), atZero, atN,
					perSession(atZero.heapAfterGc(), atN.heapAfterGc(), n),
					perSession(atZero.nativeCommitted(), atN.nativeCommitted(), n),
					(double) (atN.rss() - atZero.rss()) / n);
		}
	}

	/**
	 * Sessions opened and closed first, so that classes loaded and code compiled for the
	 * first session are not charged to the N.
	 */
	private static void warmUp(ScenarioContext context) {
		ConnectWave.run(context.connector(), WARM_UP_SESSIONS, CONNECTS_PER_SECOND, (i) -> "/topic/bench.warm" + i,
				(i) -> (buffer, start, end) -> {
				})
			.closeAll();
		settle();
	}

	private static void settle() {
		LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
	}

	private static @Nullable Double perSession(@Nullable Long atZero, @Nullable Long atN, long sessions) {
		return (atZero != null && atN != null) ? (double) (atN - atZero) / sessions : null;
	}

}
