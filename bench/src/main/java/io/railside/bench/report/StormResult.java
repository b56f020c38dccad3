package io.railside.bench.report;

import java.util.Map;

import io.railside.bench.measure.Latency;

import org.jspecify.annotations.Nullable;

/**
 * Sessions arriving at a fixed rate: connect, handshake, CONNECT, SUBSCRIBE.
 *
 * @param sessions sessions that arrived
 * @param perSecond the arrival rate
 * @param connected sessions that reached CONNECTED
 * @param failureReasons failed sessions by reason
 * @param connectedLatency CONNECTED latency from each session's due time
 * @param seconds how long the wave took until the last session was settled
 * @param processes generator processes that shared the sessions
 * @param serverCpuMicrosPerSession server CPU time per connected session, the wave's
 * whole time
 */
public record StormResult(int sessions, double perSecond, long connected, Map<String, Long> failureReasons,
		Latency connectedLatency, double seconds, int processes, @Nullable Double serverCpuMicrosPerSession) {

	public long failures() {
		return this.failureReasons.values().stream().mapToLong(Long::longValue).sum();
	}

}
