package io.railside.bench.report;

import java.util.List;
import java.util.Optional;

/**
 * The targets of the performance issue (issue 13), checked against one run's results:
 * Railside against the raw Netty baseline, stock Spring and ActiveMQ Artemis. The issue
 * asks for the median of three runs; each run's report gives its own figures.
 */
final class PerformanceTargets {

	private final Targets results;

	PerformanceTargets(Targets results) {
		this.results = results;
	}

	List<TargetCheck> check() {
		return List.of(fanoutCpu(), topicsCpu(), fanout(), latency(), storm(), artemis());
	}

	/**
	 * Compared at the highest fanout-max step both peers held, so that both carried the
	 * same load: CPU per delivery falls as the rate rises.
	 */
	private TargetCheck fanoutCpu() {
		String target = "Performance: CPU per delivery on fanout-max <= 1.3x the Netty baseline's";
		Optional<FlowResult[]> steps = this.results.sameHeldStep(Peers.RAILSIDE, Peers.NETTY);
		if (steps.isEmpty()) {
			return TargetCheck.missing(target, "no fanout-max step held by both Railside and the Netty baseline");
		}
		FlowResult railside = steps.get()[0];
		FlowResult netty = steps.get()[1];
		double ratio = railside.serverCpuMicrosPerDelivery() / netty.serverCpuMicrosPerDelivery();
		String measured = String.format("at %s deliveries/s (both held): Railside %s µs; Netty %s µs (%s)",
				Numbers.count(railside.offeredDeliveriesPerSecond()),
				Numbers.micros(railside.serverCpuMicrosPerDelivery()),
				Numbers.micros(netty.serverCpuMicrosPerDelivery()), Numbers.ratio(ratio));
		return TargetCheck.of(target, measured, ratio <= 1.3);
	}

	private TargetCheck topicsCpu() {
		String target = "Performance: CPU per delivery on topics <= 1.3x the Netty baseline's, no loss";
		Optional<FlowResult> railside = this.results.get(Peers.RAILSIDE, PeerResult::topics);
		Optional<FlowResult> netty = this.results.get(Peers.NETTY, PeerResult::topics);
		Double ours = railside.map(FlowResult::serverCpuMicrosPerDelivery).orElse(null);
		Double theirs = netty.map(FlowResult::serverCpuMicrosPerDelivery).orElse(null);
		if (ours == null || theirs == null) {
			return TargetCheck.missing(target, "the topics of Railside or the Netty baseline are missing");
		}
		long lost = railside.get().lost();
		String measured = String.format("Railside %s µs (lost %d); Netty %s µs (%s)", Numbers.micros(ours), lost,
				Numbers.micros(theirs), Numbers.ratio(ours / theirs));
		return TargetCheck.of(target, measured, ours <= 1.3 * theirs && lost == 0);
	}

	private TargetCheck fanout() {
		String target = "Performance: fanout-max >= 0.8x the Netty baseline's deliveries/s and >= 1.5x stock Spring's";
		Double railside = this.results.sustained(Peers.RAILSIDE);
		Double netty = this.results.sustained(Peers.NETTY);
		Double stock = this.results.sustained(Peers.STOCK);
		if (railside == null || netty == null || stock == null) {
			return TargetCheck.missing(target,
					"fanout-max of Railside, Netty or stock Spring is missing or held at no step");
		}
		String measured = String.format("Railside %s/s; Netty %s/s (%s); stock Spring %s/s (%s)",
				Numbers.count(railside), Numbers.count(netty), Numbers.ratio(railside / netty), Numbers.count(stock),
				Numbers.ratio(railside / stock));
		return TargetCheck.of(target, measured, railside >= 0.8 * netty && railside >= 1.5 * stock);
	}

	private TargetCheck latency() {
		String target = "Performance: p99 at 2,000 deliveries/s to 1,000 subscribers <= 1.5x the Netty baseline's, no loss";
		Optional<FlowResult> railside = this.results.get(Peers.RAILSIDE, PeerResult::broadcast);
		Optional<FlowResult> netty = this.results.get(Peers.NETTY, PeerResult::broadcast);
		if (railside.isEmpty() || netty.isEmpty()) {
			return TargetCheck.missing(target, "the broadcast of Railside or the Netty baseline is missing");
		}
		double ours = railside.get().latency().p99();
		double theirs = netty.get().latency().p99();
		String measured = String.format("Railside p99 %s ms (p50 %s, lost %d); Netty %s ms (%s)", Numbers.millis(ours),
				Numbers.millis(railside.get().latency().p50()), railside.get().lost(), Numbers.millis(theirs),
				Numbers.ratio(ours / theirs));
		return TargetCheck.of(target, measured, ours <= 1.5 * theirs && railside.get().lost() == 0);
	}

	private TargetCheck storm() {
		String target = "Performance: storm with zero failures, CONNECTED p50 <= 2x stock Spring's, p99 <= 200 ms";
		Optional<StormResult> railside = this.results.get(Peers.RAILSIDE, PeerResult::storm);
		Optional<StormResult> stock = this.results.get(Peers.STOCK, PeerResult::storm);
		if (railside.isEmpty() || stock.isEmpty()) {
			return TargetCheck.missing(target, "the storm of Railside or stock Spring is missing");
		}
		StormResult ours = railside.get();
		double p50 = ours.connectedLatency().p50();
		double stockP50 = stock.get().connectedLatency().p50();
		String measured = String.format(
				"N=%,d at %s/s: Railside %d failures, p50 %s ms, p99 %s ms; stock Spring p50 %s ms (%s), p99 %s ms",
				ours.sessions(), Numbers.count(ours.perSecond()), ours.failures(), Numbers.millis(p50),
				Numbers.millis(ours.connectedLatency().p99()), Numbers.millis(stockP50), Numbers.ratio(p50 / stockP50),
				Numbers.millis(stock.get().connectedLatency().p99()));
		return TargetCheck.of(target, measured,
				ours.failures() == 0 && p50 <= 2 * stockP50 && ours.connectedLatency().p99() <= 200);
	}

	private TargetCheck artemis() {
		String target = "Performance: fanout-max >= 1.5x ActiveMQ Artemis's deliveries/s, CPU per delivery <= 1/2 of its (at the highest step both held)";
		Double railside = this.results.sustained(Peers.RAILSIDE);
		Double artemis = this.results.sustained(Peers.ARTEMIS);
		if (railside == null || artemis == null) {
			return TargetCheck.missing(target, "fanout-max of Railside or Artemis is missing or held at no step");
		}
		String deliveries = String.format("Railside %s/s; Artemis %s/s (%s)", Numbers.count(railside),
				Numbers.count(artemis), Numbers.ratio(railside / artemis));
		Optional<FlowResult[]> steps = this.results.sameHeldStep(Peers.RAILSIDE, Peers.ARTEMIS);
		if (steps.isEmpty()) {
			// Short on deliveries is a miss whatever the CPU.
			return new TargetCheck(target, deliveries + "; CPU: no step held by both",
					(railside >= 1.5 * artemis) ? "not measured" : "not met");
		}
		double ours = steps.get()[0].serverCpuMicrosPerDelivery();
		double theirs = steps.get()[1].serverCpuMicrosPerDelivery();
		String measured = String.format("%s; CPU at %s deliveries/s: Railside %s µs, Artemis %s µs (%s)", deliveries,
				Numbers.count(steps.get()[0].offeredDeliveriesPerSecond()), Numbers.micros(ours),
				Numbers.micros(theirs), Numbers.ratio(ours / theirs));
		return TargetCheck.of(target, measured, railside >= 1.5 * artemis && ours <= 0.5 * theirs);
	}

}
