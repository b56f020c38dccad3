package io.railside.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.railside.bench.measure.Latency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PerformanceTargetsTests {

	private final Map<String, PeerResult> peers = new LinkedHashMap<>();

	@Test
	void comparesFanoutCpuWithNettyAtTheHighestStepBothHeld() {
		fanout(Peers.RAILSIDE, step(50_000, true, 12.0), step(100_000, true, 11.0));
		fanout(Peers.NETTY, step(50_000, true, 10.0), step(100_000, false, 9.0));

		TargetCheck check = check("Performance: CPU per delivery on fanout-max");

		assertThat(check.verdict()).isEqualTo("met");
		assertThat(check.measured()).contains("at 50,000 deliveries/s", "Railside 12.00 µs", "(1.20x)");
		fanout(Peers.RAILSIDE, step(50_000, true, 14.0));
		assertThat(check("Performance: CPU per delivery on fanout-max").verdict()).isEqualTo("not met");
	}

	@Test
	void fanoutMustPassEightTenthsOfNettyAndOneAndAHalfStockSpring() {
		fanout(Peers.RAILSIDE, step(80_000, true, 12.0));
		fanout(Peers.NETTY, step(100_000, true, 10.0));
		fanout(Peers.STOCK, step(50_000, true, 20.0));

		assertThat(check("Performance: fanout-max >= 0.8x").verdict()).isEqualTo("met");
		fanout(Peers.STOCK, step(60_000, true, 20.0));
		assertThat(check("Performance: fanout-max >= 0.8x").verdict()).isEqualTo("not met");
	}

	@Test
	void stormComparesTheMedianWithStockSpringAndBoundsTheTail() {
		storm(Peers.RAILSIDE, 0, 5.0, 150.0);
		storm(Peers.STOCK, 0, 3.0, 60.0);

		TargetCheck check = check("Performance: storm");

		assertThat(check.verdict()).isEqualTo("met");
		assertThat(check.measured()).contains("p50 5.00 ms", "(1.67x)");
		storm(Peers.RAILSIDE, 1, 5.0, 150.0);
		assertThat(check("Performance: storm").verdict()).isEqualTo("not met");
	}

	@Test
	void artemisIsComparedOnDeliveriesAndOnCpu() {
		fanout(Peers.RAILSIDE, step(100_000, true, 10.0));
		fanout(Peers.ARTEMIS, step(50_000, true, 30.0), step(100_000, false, 25.0));

		TargetCheck check = check("Performance: fanout-max >= 1.5x ActiveMQ Artemis");

		assertThat(check.measured()).contains("Railside 100,000/s; Artemis 50,000/s (2.00x)");
		assertThat(check.verdict()).as("no step both held: no CPU to compare").isEqualTo("not measured");
		fanout(Peers.RAILSIDE, step(50_000, true, 12.0), step(100_000, true, 10.0));
		assertThat(check("Performance: fanout-max >= 1.5x ActiveMQ Artemis").verdict()).isEqualTo("met");
	}

	@Test
	void missingPeersAreSaidSo() {
		assertThat(check("Performance: p99").verdict()).isEqualTo("not measured");
		assertThat(check("Performance: CPU per delivery on topics").verdict()).isEqualTo("not measured");
	}

	private TargetCheck check(String target) {
		return TargetsTests.check(new Targets(this.peers).check(), target);
	}

	private void fanout(String peer, FlowResult... steps) {
		FlowResult best = null;
		for (FlowResult step : steps) {
			if (step.holds(250) && (best == null || step.deliveriesPerSecond() > best.deliveriesPerSecond())) {
				best = step;
			}
		}
		FanoutResult fanout = new FanoutResult(1000, 250, List.of(steps), best, "failed");
		this.peers.put(peer, new PeerResult(peer, Map.of(), null, null, fanout, null, null, null, null, List.of()));
	}

	private void storm(String peer, long failures, double p50, double p99) {
		Map<String, Long> reasons = (failures > 0) ? Map.of("refused", failures) : Map.of();
		StormResult storm = new StormResult(2000, 500, 2000 - failures, reasons, new Latency(2000, p50, p99, p99, p99),
				4, 1, 2000.0);
		this.peers.put(peer, new PeerResult(peer, Map.of(), null, null, null, null, storm, null, null, List.of()));
	}

	private static FlowResult step(double rate, boolean holds, double serverCpu) {
		Latency latency = new Latency(100, 1, holds ? 10 : 900, 950, 1000);
		return new FlowResult(1000, rate / 1000, rate, 5, 10, 10_000, 10_000, 0, 0, rate, latency, latency, serverCpu,
				null, 10.0, 1.0, 0);
	}

}
