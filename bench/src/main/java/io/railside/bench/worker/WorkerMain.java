package io.railside.bench.worker;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.railside.bench.Options;
import io.railside.bench.client.StompConnector;
import io.railside.bench.client.Transport;
import io.railside.bench.load.ConnectWave;
import io.railside.bench.measure.Histograms;

import tools.jackson.databind.json.JsonMapper;

/**
 * A worker process: opens its share of a wave when told {@code go}, reports one JSON
 * line, holds the sessions until told {@code close} (or its input ends), and exits.
 */
public final class WorkerMain {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int WARM_UP_SESSIONS = 1_000;

	private static final double WARM_UP_PER_SECOND = 500;

	private WorkerMain() {
	}

	public static void main(Options options) throws Exception {
		int sessions = options.getInt("sessions", 0);
		double rate = Double.parseDouble(options.get("rate"));
		String prefix = options.get("prefix");
		int offset = options.getInt("offset", 0);
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		try (Transport transport = Transport.create(2)) {
			StompConnector connector = new StompConnector(transport, URI.create(options.get("url")),
					options.pairs("header"));
			warmUp(connector);
			report(Map.of("event", "started"));
			if (!"go".equals(in.readLine())) {
				return;
			}
			ConnectWave.Outcome outcome = ConnectWave.run(connector, sessions, rate, (i) -> prefix + (offset + i),
					(i) -> (buffer, start, end) -> {
					});
			Map<String, Object> ready = new LinkedHashMap<>();
			ready.put("event", "ready");
			ready.put("connected", outcome.connected());
			ready.put("failureReasons", outcome.failureReasons());
			ready.put("histogram", Histograms.encode(outcome.connectedMicros()));
			ready.put("seconds", outcome.seconds());
			report(ready);
			in.readLine();
			outcome.closeAll();
		}
		report(Map.of("event", "closed"));
	}

	/**
	 * Sessions opened and closed before the wave, so that its first sessions wait neither
	 * for this fresh JVM nor for the server to compile their connection path: the storm
	 * measures a warm server, as a long-running one is.
	 */
	private static void warmUp(StompConnector connector) {
		ConnectWave.run(connector, WARM_UP_SESSIONS, WARM_UP_PER_SECOND, (i) -> "/topic/bench.warm" + i,
				(i) -> (buffer, start, end) -> {
				})
			.closeAll();
	}

	private static void report(Map<String, ?> event) {
		System.out.println(JSON.writeValueAsString(event));
		System.out.flush();
	}

}
