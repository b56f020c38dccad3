package io.railside.bench.worker;

import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * A connection wave spread over worker processes, merged.
 *
 * @param connected sessions that reached CONNECTED
 * @param failureReasons failed sessions by reason
 * @param connectedMicros CONNECTED latency, merged exactly from every worker
 * @param seconds the longest worker's wave
 * @param processes how many workers
 */
public record WaveSummary(long connected, Map<String, Long> failureReasons, Histogram connectedMicros, double seconds,
		int processes) {

}
