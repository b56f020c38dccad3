package io.railside.bench.scenario;

import java.util.ArrayList;
import java.util.List;

import io.railside.bench.worker.WorkerFleet;

/**
 * Starts worker fleets for the connection-heavy scenarios against the peer of a context.
 */
final class Waves {

	private Waves() {
	}

	static WorkerFleet fleet(ScenarioContext context, String prefix, int sessions, double perSecond) {
		List<String> wave = new ArrayList<>(List.of("--url", context.stompUri().toString(), "--prefix", prefix));
		context.connectHeaders().forEach((name, value) -> {
			wave.add("--header");
			wave.add(name + "=" + value);
		});
		return WorkerFleet.start(wave, sessions, perSecond, context.plan().sessionsPerProcess());
	}

}
