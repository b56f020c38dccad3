package io.railside.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The targets, checked against one run's results: ratios are between peers of the
 * same run.
 */
final class Targets {

	private final Map<String, PeerResult> peers;

	Targets(Map<String, PeerResult> peers) {
		this.peers = peers;
	}

	List<TargetCheck> check() {
		List<TargetCheck> checks = new ArrayList<>(List.of(fanout(), broadcastLatency(), holdMemory(), storm()));
		checks.addAll(new StreamTargets(this).check());
		checks.addAll(List.of(historyFanout(), historyMemory(), replay()));
		checks.addAll(new PerformanceTargets(this).check());
		return checks;
	}

	private TargetCheck fanout() {
		String target = "Broadcast to N subscribers: Railside >= 1.5x RabbitMQ Web-STOMP and stock Spring, >= 0.5x raw Netty (p99 <= 250 ms, no loss)";
		Double railside = sustained(Peers.RAILSIDE);
		Double rabbit = sustained(Peers.RABBITMQ);
		Double stock = sustained(Peers.STOCK);
		Double netty = sustained(Peers.NETTY);
		if (railside == null || rabbit == null || stock == null || netty == null) {
			return TargetCheck.missing(target, "a peer's fanout-max is missing or held at no step");
		}
		int subscribers = get(Peers.RAILSIDE, PeerResult::fanoutMax).map(FanoutResult::subscribers).orElse(0);
		String measured = String.format(
				"N=%,d: Railside %s/s; RabbitMQ %s/s (%s); stock Spring %s/s (%s); Netty %s/s (%s)", subscribers,
				Numbers.count(railside), Numbers.count(rabbit), Numbers.ratio(railside / rabbit), Numbers.count(stock),
				Numbers.ratio(railside / stock), Numbers.count(netty), Numbers.ratio(railside / netty));
		return TargetCheck.of(target, measured,
				railside >= 1.5 * rabbit && railside >= 1.5 * stock && railside >= 0.5 * netty);
	}

	private TargetCheck broadcastLatency() {
		String target = "2,000 deliveries/s to 1,000 subscribers: p99 < 20 ms";
		Optional<FlowResult> railside = get(Peers.RAILSIDE, PeerResult::broadcast);
		if (railside.isEmpty()) {
			return TargetCheck.missing(target, "Railside's broadcast is missing");
		}
		FlowResult result = railside.get();
		StringBuilder measured = new StringBuilder(
				String.format("Railside p99 %s ms (lost %d)", Numbers.millis(result.latency().p99()), result.lost()));
		for (String peer : Peers.ORDER.subList(1, Peers.ORDER.size())) {
			get(peer, PeerResult::broadcast).ifPresent((other) -> measured
				.append(String.format("; %s %s ms", peer, Numbers.millis(other.latency().p99()))));
		}
		return TargetCheck.of(target, measured.toString(), result.latency().p99() < 20 && result.lost() == 0);
	}

	private TargetCheck holdMemory() {
		String target = "N idle subscribed sessions: <= 32 KiB per session (heap after GC + native), <= 1/3 of stock Spring's";
		Double railside = get(Peers.RAILSIDE, PeerResult::hold).map(HoldResult::heapAndNativePerSession).orElse(null);
		Double stock = get(Peers.STOCK, PeerResult::hold).map(HoldResult::heapAndNativePerSession).orElse(null);
		if (railside == null || stock == null) {
			return TargetCheck.missing(target, "Railside's or stock Spring's hold is missing");
		}
		int sessions = get(Peers.RAILSIDE, PeerResult::hold).map(HoldResult::sessions).orElse(0);
		String measured = String.format("N=%,d: Railside %s KiB; stock Spring %s KiB (Railside/stock %s)", sessions,
				Numbers.kib(railside), Numbers.kib(stock), Numbers.ratio(railside / stock));
		return TargetCheck.of(target, measured, railside <= 32 * 1024 && railside <= stock / 3);
	}

	private TargetCheck storm() {
		String target = "N sessions connecting at a fixed rate: zero failures, CONNECTED p99 < 200 ms";
		Optional<StormResult> railside = get(Peers.RAILSIDE, PeerResult::storm);
		if (railside.isEmpty()) {
			return TargetCheck.missing(target, "Railside's storm is missing");
		}
		StormResult result = railside.get();
		String measured = String.format("N=%,d at %s/s: Railside %d failures, p99 %s ms", result.sessions(),
				Numbers.count(result.perSecond()), result.failures(), Numbers.millis(result.connectedLatency().p99()));
		return TargetCheck.of(target, measured, result.failures() == 0 && result.connectedLatency().p99() < 200);
	}

	private TargetCheck historyFanout() {
		String target = "History on: fanout-max >= 0.9x history off (Railside, same subscribers, same run)";
		Double on = sustained(Peers.RAILSIDE);
		Double off = sustained(Peers.HISTORY_OFF);
		if (on == null || off == null) {
			return TargetCheck.missing(target, "fanout-max with history on or off is missing or held at no step");
		}
		int subscribers = get(Peers.RAILSIDE, PeerResult::fanoutMax).map(FanoutResult::subscribers).orElse(0);
		String measured = String.format("N=%,d: history on %s/s; off %s/s (%s); lowest failed step: on %s, off %s",
				subscribers, Numbers.count(on), Numbers.count(off), Numbers.ratio(on / off),
				lowestFailed(Peers.RAILSIDE), lowestFailed(Peers.HISTORY_OFF));
		return TargetCheck.of(target, measured, on >= 0.9 * off);
	}

	String lowestFailed(String peer) {
		return get(peer, PeerResult::fanoutMax).map(FanoutResult::lowestFailedDeliveriesPerSecond)
			.map((rate) -> Numbers.count(rate) + "/s")
			.orElse("none");
	}

	private TargetCheck historyMemory() {
		String target = "History on: memory per idle subscribed session unchanged (heap after GC + native, within 10% of history off)";
		Optional<HoldResult> on = get(Peers.RAILSIDE, PeerResult::hold);
		Optional<HoldResult> off = get(Peers.HISTORY_OFF, PeerResult::hold);
		Double onBytes = on.map(HoldResult::heapAndNativePerSession).orElse(null);
		Double offBytes = off.map(HoldResult::heapAndNativePerSession).orElse(null);
		if (onBytes == null || offBytes == null) {
			return TargetCheck.missing(target, "Railside's hold with history on or off is missing");
		}
		String measured = String.format("N=%,d: history on %s KiB; off %s KiB (%s)", on.get().sessions(),
				Numbers.kib(onBytes), Numbers.kib(offBytes), Numbers.ratio(onBytes / offBytes));
		return TargetCheck.of(target, measured, onBytes <= 1.1 * offBytes);
	}

	private TargetCheck replay() {
		String target = "Replay: subscribers that missed the same messages resume at once: all recovered, every message once and in order, none cut off (time reported)";
		Optional<ReplayResult> railside = get(Peers.RAILSIDE, PeerResult::replay);
		if (railside.isEmpty()) {
			return TargetCheck.missing(target, "Railside's replay is missing");
		}
		ReplayResult result = railside.get();
		String measured = String.format(
				"%,d messages to %,d subscribers: all in %s s (per subscriber p50 %s ms, p99 %s ms); recovered %d; cut off %d; lost %d; duplicates %d; out of order %d",
				result.messages(), result.subscribers(),
				(result.allSeconds() != null) ? String.format(Locale.ROOT, "%.2f", result.allSeconds())
						: "- (not all complete)",
				Numbers.millis(result.perSubscriber().p50()), Numbers.millis(result.perSubscriber().p99()),
				result.recovered(), result.cutOffCount(), result.lost(), result.duplicates(), result.outOfOrder());
		return TargetCheck.of(target, measured, result.clean());
	}

	/**
	 * A peer's sustained deliveries/s, or {@code null} if it has no fanout-max result or
	 * none of its steps held: a ratio against nothing proves nothing.
	 */
	@Nullable Double sustained(String peer) {
		return get(peer, PeerResult::fanoutMax).map(FanoutResult::sustainedDeliveriesPerSecond)
			.filter((rate) -> rate > 0)
			.orElse(null);
	}

	/**
	 * The highest fanout-max step both peers held, with CPU figures for both, so that
	 * both carried the same load: CPU per delivery falls as the rate rises.
	 * @return one's step and the other's, or empty
	 */
	Optional<FlowResult[]> sameHeldStep(String one, String other) {
		Optional<FanoutResult> first = get(one, PeerResult::fanoutMax);
		Optional<FanoutResult> second = get(other, PeerResult::fanoutMax);
		if (first.isEmpty() || second.isEmpty()) {
			return Optional.empty();
		}
		for (FlowResult step : heldSteps(first.get())) {
			FlowResult same = heldSteps(second.get()).stream()
				.filter((candidate) -> candidate.offeredDeliveriesPerSecond() == step.offeredDeliveriesPerSecond())
				.findFirst()
				.orElse(null);
			if (step.serverCpuMicrosPerDelivery() != null && same != null
					&& same.serverCpuMicrosPerDelivery() != null) {
				return Optional.of(new FlowResult[] { step, same });
			}
		}
		return Optional.empty();
	}

	private static List<FlowResult> heldSteps(FanoutResult fanout) {
		return fanout.steps()
			.stream()
			.filter((step) -> step.holds(fanout.p99LimitMillis()))
			.sorted((a, b) -> Double.compare(b.offeredDeliveriesPerSecond(), a.offeredDeliveriesPerSecond()))
			.toList();
	}

	<T> Optional<T> get(String peer, Function<PeerResult, @Nullable T> scenario) {
		return Peers.find(this.peers, peer).map(scenario);
	}

}
