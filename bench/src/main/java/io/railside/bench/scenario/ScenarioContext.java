package io.railside.bench.scenario;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.railside.bench.client.StompConnector;
import io.railside.bench.client.Transport;
import io.railside.bench.measure.CpuProbe;

import org.jspecify.annotations.Nullable;

/**
 * What every scenario against one peer needs: where it is, how to connect, whose CPU and
 * memory to measure, and the sizes.
 *
 * @param transport the generator's event loops
 * @param stompUri the peer's STOMP-over-WebSocket URL
 * @param echoUri the peer's raw echo URL, if it has one
 * @param connectHeaders extra CONNECT headers (login and passcode for RabbitMQ)
 * @param serverCpu the server's processes
 * @param brokerCpu those of them that are a broker behind the server (RabbitMQ behind
 * Railside's stream mode), whose share is reported beside the total; empty for none
 * @param memoryPid the process whose memory the hold scenario measures (0: none)
 * @param jvm whether that process is a JVM (heap and native memory through jcmd)
 * @param plan the sizes
 */
public record ScenarioContext(Transport transport, URI stompUri, @Nullable URI echoUri,
		Map<String, String> connectHeaders, CpuProbe serverCpu, CpuProbe brokerCpu, long memoryPid, boolean jvm,
		Plan plan) {

	private static final Duration SETTLE_WINDOW = Duration.ofMillis(500);

	private static final Duration SETTLE_LIMIT = Duration.ofSeconds(10);

	public StompConnector connector() {
		return new StompConnector(this.transport, this.stompUri, this.connectHeaders);
	}

	public @Nullable Double cpuPerUnit(long cpuMicros, long units) {
		return (this.serverCpu.isEmpty() || units == 0) ? null : (double) cpuMicros / units;
	}

	public @Nullable Double brokerCpuPerUnit(long cpuMicros, long units) {
		return (this.brokerCpu.isEmpty() || units == 0) ? null : (double) cpuMicros / units;
	}

	/**
	 * Before a measured run: wait (at most ten seconds) for the server to settle, so that
	 * the run's CPU per delivery is not charged with what setting it up left running.
	 */
	void awaitServerSettled() {
		if (this.serverCpu.isEmpty()) {
			return;
		}
		long waited = this.serverCpu.awaitSettled(SETTLE_WINDOW, SETTLE_LIMIT);
		System.err.println((waited >= 0) ? "[bench] the server settled in " + waited + " ms"
				: "[bench] the server did not settle within " + SETTLE_LIMIT.toSeconds() + " s; measuring anyway");
	}

}
