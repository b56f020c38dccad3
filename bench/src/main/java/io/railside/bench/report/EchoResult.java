package io.railside.bench.report;

import io.railside.bench.measure.Latency;

import org.jspecify.annotations.Nullable;

/**
 * Round trips on a raw WebSocket echo endpoint at a fixed rate.
 *
 * @param connections connections the messages are spread over
 * @param perSecond messages sent per second
 * @param seconds how long the sender ran
 * @param sent messages sent
 * @param received echoes received
 * @param roundTripsPerSecond echoes per second
 * @param latency round-trip time from each message's intended send time
 * @param serverCpuMicrosPerRoundTrip server CPU time per round trip
 * @param generatorCpuMicrosPerRoundTrip the generator's CPU time per round trip
 */
public record EchoResult(int connections, double perSecond, double seconds, long sent, long received,
		double roundTripsPerSecond, Latency latency, @Nullable Double serverCpuMicrosPerRoundTrip,
		double generatorCpuMicrosPerRoundTrip) {

}
