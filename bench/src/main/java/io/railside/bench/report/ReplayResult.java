package io.railside.bench.report;

import java.util.Map;

import io.railside.bench.measure.Latency;

import org.jspecify.annotations.Nullable;

/**
 * Subscribers that missed the same messages, resuming at once: how long until each has
 * them all, what their RECEIPTs said, and whether the server cut any of them off.
 *
 * @param subscribers subscribers that resumed
 * @param messages messages each of them missed
 * @param reconnectFailures sessions that could not reconnect, by reason
 * @param reconnectSeconds how long the (paced) reconnection took, before the burst
 * @param answers the RECEIPTs, by what they said ({@code recovered}, {@code not
 * recovered: <reason>}, {@code no RECEIPT})
 * @param complete subscribers that had every missed message
 * @param cutOff subscribers the server cut off (ERROR, or closed), by reason
 * @param lost missed messages that never arrived, over all subscribers
 * @param duplicates messages that arrived more than once
 * @param outOfOrder messages that arrived after a later one
 * @param allSeconds from the burst until the last subscriber had every message;
 * {@code null} if some never did
 * @param deliveriesPerSecond replayed messages delivered per second, from the burst to
 * the last arrival
 * @param perSubscriber from the burst until each complete subscriber had every message
 * @param receipt from the burst until each RECEIPT
 * @param serverCpuMicrosPerDelivery server CPU time per replayed delivery
 * @param generatorCpuMicrosPerDelivery the generator's CPU time per replayed delivery
 */
public record ReplayResult(int subscribers, int messages, Map<String, Long> reconnectFailures, double reconnectSeconds,
		Map<String, Long> answers, int complete, Map<String, Long> cutOff, long lost, long duplicates, long outOfOrder,
		@Nullable Double allSeconds, double deliveriesPerSecond, Latency perSubscriber, Latency receipt,
		@Nullable Double serverCpuMicrosPerDelivery, double generatorCpuMicrosPerDelivery) {

	/** How {@link #answers()} names a RECEIPT with {@code railside-recovered:true}. */
	public static final String RECOVERED = "recovered";

	public long recovered() {
		return this.answers.getOrDefault(RECOVERED, 0L);
	}

	public long reconnectFailureCount() {
		return this.reconnectFailures.values().stream().mapToLong(Long::longValue).sum();
	}

	public long cutOffCount() {
		return this.cutOff.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Whether every subscriber recovered and got every missed message once, in order,
	 * with nobody cut off.
	 * @return whether it did
	 */
	public boolean clean() {
		return this.subscribers > 0 && recovered() == this.subscribers && this.complete == this.subscribers
				&& cutOffCount() == 0 && this.lost == 0 && this.duplicates == 0 && this.outOfOrder == 0;
	}

}
