package io.railside.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import io.railside.bench.client.EchoConnection;
import io.railside.bench.client.WebSocketConnector;
import io.railside.bench.load.PacedSender;
import io.railside.bench.load.Payload;
import io.railside.bench.measure.CpuProbe;
import io.railside.bench.measure.Latency;
import io.railside.bench.report.EchoResult;

import org.HdrHistogram.Recorder;

/**
 * Round trips on the raw echo endpoint: messages at a fixed rate spread over a few
 * connections, each timed from its intended send time.
 */
final class EchoScenario {

	private EchoScenario() {
	}

	static EchoResult run(ScenarioContext context) throws Exception {
		if (context.echoUri() == null) {
			throw new IllegalStateException("this peer has no echo endpoint");
		}
		Plan plan = context.plan();
		WebSocketConnector connector = new WebSocketConnector(context.transport(), context.echoUri(), null);
		Recorder latency = new Recorder(3);
		LongAdder received = new LongAdder();
		List<EchoConnection> connections = new ArrayList<>();
		try {
			for (int i = 0; i < plan.echoConnections(); i++) {
				connections.add(EchoConnection.open(connector, (buffer, start, end) -> {
					Payload payload = Payload.parse(buffer, start, end);
					if (payload != null) {
						latency.recordValue(Math.max(0, System.nanoTime() - payload.intendedNanos()) / 1000);
						received.increment();
					}
				}).get(30, TimeUnit.SECONDS));
			}
			return measure(context, connections, latency, received);
		}
		finally {
			connections.forEach(EchoConnection::close);
		}
	}

	private static EchoResult measure(ScenarioContext context, List<EchoConnection> connections, Recorder latency,
			LongAdder received) {
		Plan plan = context.plan();
		int messages = (int) (plan.echoPerSecond() * plan.echoSeconds());
		CpuProbe generator = CpuProbe.self();
		long serverStart = context.serverCpu().micros();
		long generatorStart = generator.micros();
		long start = System.nanoTime() + 20_000_000L;
		int sent = PacedSender.run(start, plan.echoPerSecond(), messages, 2_000_000_000L,
				(i, intended) -> connections.get(i % connections.size()).send(new Payload(1, i, intended)));
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (received.sum() < sent && System.nanoTime() < deadline) {
			LockSupport.parkNanos(10_000_000L);
		}
		long serverCpu = context.serverCpu().micros() - serverStart;
		long generatorCpu = generator.micros() - generatorStart;
		long echoed = received.sum();
		double seconds = Math.max(plan.echoSeconds(), (System.nanoTime() - start) / 1e9);
		return new EchoResult(connections.size(), plan.echoPerSecond(), plan.echoSeconds(), sent, echoed,
				echoed / seconds, Latency.of(latency.getIntervalHistogram()), context.cpuPerUnit(serverCpu, echoed),
				(echoed > 0) ? (double) generatorCpu / echoed : 0);
	}

}
