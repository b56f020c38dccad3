package io.railside.bench.scenario;

import java.time.Duration;

import io.railside.bench.measure.Latency;
import io.railside.bench.report.StormResult;
import io.railside.bench.worker.WaveSummary;
import io.railside.bench.worker.WorkerFleet;

/**
 * Sessions arriving at a fixed rate (open loop), each connecting, sending CONNECT and,
 * once CONNECTED, SUBSCRIBE: failures and CONNECTED latency.
 */
final class StormScenario {

	private StormScenario() {
	}

	static StormResult run(ScenarioContext context) {
		Plan plan = context.plan();
		int sessions = plan.stormSessions();
		double rate = plan.stormPerSecond();
		try (WorkerFleet fleet = Waves.fleet(context, "/topic/bench.storm", sessions, rate)) {
			long cpuStart = context.serverCpu().micros();
			WaveSummary wave = fleet.go(Duration.ofSeconds(120 + (long) (sessions / rate)));
			long cpu = context.serverCpu().micros() - cpuStart;
			return new StormResult(sessions, rate, wave.connected(), wave.failureReasons(),
					Latency.of(wave.connectedMicros()), wave.seconds(), wave.processes(),
					context.cpuPerUnit(cpu, wave.connected()));
		}
	}

}
