package io.railside.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.railside.bench.measure.Latency;
import io.railside.bench.measure.MemorySample;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetsTests {

	@Test
	void comparesFanoutAcrossPeersOfTheSameRun() {
		Map<String, PeerResult> peers = peers(Map.of(Peers.RAILSIDE, 150_000.0, Peers.RABBITMQ, 100_000.0, Peers.STOCK,
				90_000.0, Peers.NETTY, 280_000.0));

		List<TargetCheck> checks = new Targets(peers).check();

		assertThat(checks.get(0).verdict()).isEqualTo("met");
		assertThat(checks.get(0).measured()).contains("(1.50x)", "(0.54x)");
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
		peers.put(Peers.STREAM,
				new PeerResult(Peers.STREAM, Map.of(), null, null, noStepHeld(), null, null, null, null, List.of()));
		peers.put(Peers.RABBITMQ,
				new PeerResult(Peers.RABBITMQ, Map.of(), null, null, noStepHeld(), null, null, null, null, List.of()));

		List<TargetCheck> checks = new Targets(peers).check();

		assertThat(checks.get(0).verdict()).isEqualTo("not measured");
		assertThat(check(checks, "Stream mode, one instance").verdict()).isEqualTo("not measured");
		assertThat(check(checks, "Stream mode, one instance").measured()).contains("held at no step");
	}

	@Test
	void comparesHistoryOnWithHistoryOffOfTheSameRun() {
		Map<String, PeerResult> peers = peers(Map.of(Peers.RAILSIDE, 45_000.0, Peers.HISTORY_OFF, 50_000.0));

		TargetCheck check = check(new Targets(peers).check(), "History on: fanout-max");

		assertThat(check.verdict()).isEqualTo("met");
		assertThat(check.measured()).contains("history on 45,000/s", "off 50,000/s", "(0.90x)",
				"lowest failed step: on none, off none");
	}

	@Test
	void historyThatCostsMoreThanATenthOfTheFanoutMissesTheTarget() {
		Map<String, PeerResult> peers = peers(Map.of(Peers.RAILSIDE, 44_000.0, Peers.HISTORY_OFF, 50_000.0));

		assertThat(check(new Targets(peers).check(), "History on: fanout-max").verdict()).isEqualTo("not met");
	}

	@Test
	void comparesMemoryPerIdleSessionWithHistoryOnAndOff() {
		Map<String, PeerResult> peers = new LinkedHashMap<>();
		peers.put(Peers.RAILSIDE, withHold(Peers.RAILSIDE, 22 * 1024));
		peers.put(Peers.HISTORY_OFF, withHold(Peers.HISTORY_OFF, 20 * 1024));

		TargetCheck check = check(new Targets(peers).check(), "History on: memory");

		assertThat(check.verdict()).isEqualTo("met");
		assertThat(check.measured()).contains("history on 22.0 KiB", "off 20.0 KiB", "(1.10x)");
		peers.put(Peers.RAILSIDE, withHold(Peers.RAILSIDE, 23 * 1024));
		assertThat(check(new Targets(peers).check(), "History on: memory").verdict()).isEqualTo("not met");
	}

	@Test
	void aReplayWithASubscriberCutOffMissesItsTarget() {
		Map<String, PeerResult> peers = new LinkedHashMap<>();
		peers.put(Peers.RAILSIDE, withReplay(replay(Map.of())));

		TargetCheck clean = check(new Targets(peers).check(), "Replay");

		assertThat(clean.verdict()).isEqualTo("met");
		assertThat(clean.measured()).contains("1,000 messages to 1,000 subscribers: all in 4.20 s", "cut off 0");
		peers.put(Peers.RAILSIDE, withReplay(replay(Map.of("closed by the server", 1L))));
		assertThat(check(new Targets(peers).check(), "Replay").verdict()).isEqualTo("not met");
	}

	static TargetCheck check(List<TargetCheck> checks, String target) {
		return checks.stream().filter((check) -> check.target().startsWith(target)).findFirst().orElseThrow();
	}

	private static PeerResult withHold(String peer, double heapPerSession) {
		MemorySample sample = new MemorySample(0L, 0L, 0);
		HoldResult hold = new HoldResult(1000, 1000, Map.of(), sample, sample, heapPerSession, 0.0, 0);
		return new PeerResult(peer, Map.of(), hold, null, null, null, null, null, null, List.of());
	}

	private static PeerResult withReplay(ReplayResult replay) {
		return new PeerResult(Peers.RAILSIDE, Map.of(), null, null, null, null, null, null, replay, List.of());
	}

	static ReplayResult replay(Map<String, Long> cutOff) {
		Latency latency = new Latency(1000, 3000, 4100, 4150, 4200);
		long cut = cutOff.values().stream().mapToLong(Long::longValue).sum();
		return new ReplayResult(1000, 1000, Map.of(), 1.0, Map.of(ReplayResult.RECOVERED, 1000L), (int) (1000 - cut),
				cutOff, cut * 500, 0, 0, (cut == 0) ? 4.2 : null, 238_000, latency, latency, 8.0, 6.0);
	}

	private static FanoutResult noStepHeld() {
		FanoutResult failed = fanout(1_000.0);
		return new FanoutResult(failed.subscribers(), failed.p99LimitMillis(), failed.steps(), null, "step limit");
	}

	private static Map<String, PeerResult> peers(Map<String, Double> sustained) {
		Map<String, PeerResult> peers = new LinkedHashMap<>();
		sustained.forEach((peer, rate) -> peers.put(peer,
				new PeerResult(peer, Map.of(), null, null, fanout(rate), null, null, null, null, List.of())));
		return peers;
	}

	private static FanoutResult fanout(double deliveriesPerSecond) {
		Latency latency = new Latency(100, 1, 10, 20, 30);
		FlowResult step = new FlowResult(1000, deliveriesPerSecond / 1000, deliveriesPerSecond, 5, 10, 10_000, 10_000,
				0, 0, deliveriesPerSecond, latency, latency, 5.0, null, 2.0, 1.0, 0);
		return new FanoutResult(1000, 250, List.of(step), step, "failed");
	}

}
