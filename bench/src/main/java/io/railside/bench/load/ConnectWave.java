package io.railside.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

import io.railside.bench.client.ConnectFailure;
import io.railside.bench.client.MessageListener;
import io.railside.bench.client.StompConnector;
import io.railside.bench.client.StompSession;
import io.railside.bench.measure.Histograms;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Opens sessions at a fixed arrival rate (open loop): each session's TCP connect,
 * handshake and CONNECT start at its due time, CONNECTED latency counts from that time,
 * and SUBSCRIBE follows CONNECTED (unless the session has no destination: a client that
 * subscribes later, as one that resumes).
 */
public final class ConnectWave {

	private ConnectWave() {
	}

	public static Outcome run(StompConnector connector, int count, double perSecond,
			IntFunction<@Nullable String> destination, IntFunction<MessageListener> listener) {
		AtomicReferenceArray<StompSession> sessions = new AtomicReferenceArray<>(count);
		Map<String, Long> reasons = new ConcurrentHashMap<>();
		Recorder connected = new Recorder(3);
		CompletableFuture<?>[] attempts = new CompletableFuture<?>[count];
		long start = System.nanoTime() + 10_000_000;
		int started = PacedSender.run(start, perSecond, count, 30_000_000_000L, (i, intended) -> {
			attempts[i] = connector.connect(listener.apply(i)).whenComplete((session, failure) -> {
				if (failure == null) {
					connected.recordValue(Math.max(0, System.nanoTime() - intended) / 1000);
					String subscribeTo = destination.apply(i);
					if (subscribeTo != null) {
						session.subscribe(subscribeTo);
					}
					sessions.set(i, session);
				}
				else {
					reasons.merge(reason(failure), 1L, Long::sum);
				}
			});
		});
		reasons.merge("not started in time", (long) (count - started), Long::sum);
		awaitAll(attempts, started);
		return new Outcome(sessions, new TreeMap<>(reasons), connected.getIntervalHistogram(),
				(System.nanoTime() - start) / 1e9);
	}

	private static void awaitAll(CompletableFuture<?>[] attempts, int started) {
		CompletableFuture<?>[] running = java.util.Arrays.copyOf(attempts, started);
		try {
			CompletableFuture.allOf(running).handle((ignored, failure) -> null).get(120, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			// Each attempt is bounded by its own timeout; this bound is a second guard.
		}
	}

	static String reason(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof ConnectFailure) {
			return cause.getMessage();
		}
		String message = String.valueOf(cause.getMessage());
		return cause.getClass().getSimpleName() + ": " + message.substring(0, Math.min(80, message.length()));
	}

	/**
	 * What a wave achieved.
	 *
	 * @param sessions the sessions by index, {@code null} where one failed
	 * @param failureReasons how many failed, by reason
	 * @param connectedMicros CONNECTED latency from each due time
	 * @param seconds how long the wave took
	 */
	public record Outcome(AtomicReferenceArray<StompSession> sessions, Map<String, Long> failureReasons,
			Histogram connectedMicros, double seconds) {

		public Outcome {
			failureReasons.values().removeIf((n) -> n == 0);
		}

		public long failures() {
			return this.failureReasons.values().stream().mapToLong(Long::longValue).sum();
		}

		public int connected() {
			return this.sessions.length() - (int) failures();
		}

		public void closeAll() {
			for (int i = 0; i < this.sessions.length(); i++) {
				StompSession session = this.sessions.get(i);
				if (session != null) {
					session.close();
				}
			}
		}

		public Histogram connectedHistogram() {
			Histogram copy = Histograms.create();
			copy.add(this.connectedMicros);
			return copy;
		}

	}

}
