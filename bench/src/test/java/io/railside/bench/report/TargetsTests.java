package io.railside.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.railside.bench.measure.Latency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetsTests {

	@Test
	void comparesFanoutAcrossPeersOfTheSameRun() {
		Map<String, PeerResult> peers = peers(Map.of(Peers.RAILSIDE, 150_000.0, Peers.RABBITMQ, 100_000.0, Peers.STOCK,
				90_000.0, Peers.NETTY, 280_000.0, Peers.RELAY, 85_000.0));

		List<TargetCheck> checks = new Targets(peers).check();

		assertThat(checks.get(0).verdict()).isEqualTo("met");
		assertThat(checks.get(0).measured()).contains("(1.50x)", "(0.54x)");
		assertThat(checks.get(4).verdict()).isEqualTo("met");
		assertThat(checks.get(4).measured()).contains("(0.85x)");
	}

	@Test
	void aSlowerRailsideMissesTheFanoutTarget() {
		Map<String, PeerResult> peers = peers(Map.of(Peers.RAILSIDE, 140_000.0, Peers.RABBITMQ, 100_000.0, Peers.STOCK,
				90_000.0, Peers.NETTY, 200_000.0));

		assertThat(new Targets(peers).check().get(0).verdict()).isEqualTo("not met");
	}

	@Test
	void saysWhatIsMissingInsteadOfGuessing() {
		Map<String, PeerResult> peers = peers(Map.of(Peers.RAILSIDE, 1.0));

		List<TargetCheck> checks = new Targets(peers).check();

		assertThat(checks).extracting(TargetCheck::verdict).containsOnly("not measured");
	}

	@Test
	void aPeerWithNoStepThatHeldGivesNoRatio() {
		Map<String, PeerResult> peers = peers(Map.of(Peers.RAILSIDE, 150_000.0, Peers.RABBITMQ, 100_000.0, Peers.STOCK,
				90_000.0, Peers.NETTY, 280_000.0));
		peers.put(Peers.RELAY,
				new PeerResult(Peers.RELAY, Map.of(), null, null, noStepHeld(), null, null, null, List.of()));
		peers.put(Peers.RABBITMQ,
				new PeerResult(Peers.RABBITMQ, Map.of(), null, null, noStepHeld(), null, null, null, List.of()));

		List<TargetCheck> checks = new Targets(peers).check();

		assertThat(checks.get(0).verdict()).isEqualTo("not measured");
		assertThat(checks.get(4).verdict()).isEqualTo("not measured");
		assertThat(checks.get(4).measured()).contains("held at no step");
	}

	private static FanoutResult noStepHeld() {
		FanoutResult failed = fanout(1_000.0);
		return new FanoutResult(failed.subscribers(), failed.p99LimitMillis(), failed.steps(), null, "step limit");
	}

	private static Map<String, PeerResult> peers(Map<String, Double> sustained) {
		Map<String, PeerResult> peers = new LinkedHashMap<>();
		sustained.forEach((peer, rate) -> peers.put(peer,
				new PeerResult(peer, Map.of(), null, null, fanout(rate), null, null, null, List.of())));
		return peers;
	}

	private static FanoutResult fanout(double deliveriesPerSecond) {
		Latency latency = new Latency(100, 1, 10, 20, 30);
		FlowResult step = new FlowResult(1000, deliveriesPerSecond / 1000, deliveriesPerSecond, 5, 10, 10_000, 10_000,
				0, 0, deliveriesPerSecond, latency, latency, 5.0, 2.0, 1.0, 0);
		return new FanoutResult(1000, 250, List.of(step), step, "failed");
	}

}
