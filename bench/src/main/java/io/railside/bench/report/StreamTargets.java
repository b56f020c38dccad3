package io.railside.bench.report;

import java.util.List;
import java.util.Optional;

/**
 * The targets of stream mode (issue 11), checked against one run's results: stream mode
 * on one instance against the in-memory broker and RabbitMQ Web-STOMP, and two instances
 * behind HAProxy against one.
 */
final class StreamTargets {

	private final Targets results;

	StreamTargets(Targets results) {
		this.results = results;
	}

	List<TargetCheck> check() {
		return List.of(fanout(), cpu(), latency(), hold(), pair());
	}

	private TargetCheck fanout() {
		String target = "Stream mode, one instance: fan-out >= 0.8x the in-memory broker's deliveries/s and >= 3x RabbitMQ Web-STOMP's, zero loss";
		Double stream = this.results.sustained(Peers.STREAM);
		Double railside = this.results.sustained(Peers.RAILSIDE);
		Double rabbit = this.results.sustained(Peers.RABBITMQ);
		if (stream == null || railside == null || rabbit == null) {
			return TargetCheck.missing(target,
					"fanout-max of stream mode, the in-memory broker or RabbitMQ is missing or held at no step");
		}
		int subscribers = this.results.get(Peers.STREAM, PeerResult::fanoutMax)
			.map(FanoutResult::subscribers)
			.orElse(0);
		long lost = lost();
		String measured = String.format(
				"N=%,d: stream %s/s; in-memory %s/s (%s); RabbitMQ %s/s (%s); lowest failed step: stream %s, in-memory %s; lost in stream mode's broadcast and topics: %d",
				subscribers, Numbers.count(stream), Numbers.count(railside), Numbers.ratio(stream / railside),
				Numbers.count(rabbit), Numbers.ratio(stream / rabbit), this.results.lowestFailed(Peers.STREAM),
				this.results.lowestFailed(Peers.RAILSIDE), lost);
		return TargetCheck.of(target, measured, stream >= 0.8 * railside && stream >= 3 * rabbit && lost == 0);
	}

	private long lost() {
		return this.results.get(Peers.STREAM, PeerResult::broadcast).map(FlowResult::lost).orElse(0L)
				+ this.results.get(Peers.STREAM, PeerResult::topics).map(FlowResult::lost).orElse(0L);
	}

	/**
	 * Compared at the highest fanout-max step both peers held, so that both carried the
	 * same load: CPU per delivery falls as the rate rises.
	 */
	private TargetCheck cpu() {
		String target = "Stream mode: Railside's CPU per delivery <= 1.3x the in-memory broker's (RabbitMQ's beside)";
		Optional<FanoutResult> stream = this.results.get(Peers.STREAM, PeerResult::fanoutMax);
		Optional<FanoutResult> railside = this.results.get(Peers.RAILSIDE, PeerResult::fanoutMax);
		if (stream.isEmpty() || railside.isEmpty()) {
			return TargetCheck.missing(target, "fanout-max of stream mode or the in-memory broker is missing");
		}
		Optional<FlowResult[]> steps = this.results.sameHeldStep(Peers.STREAM, Peers.RAILSIDE);
		if (steps.isPresent()) {
			return cpu(target, steps.get()[0], steps.get()[1]);
		}
		return TargetCheck.missing(target, "no fanout-max step held by both stream mode and the in-memory broker");
	}

	private TargetCheck cpu(String target, FlowResult stream, FlowResult railside) {
		double total = stream.serverCpuMicrosPerDelivery();
		double rabbit = (stream.brokerCpuMicrosPerDelivery() != null) ? stream.brokerCpuMicrosPerDelivery() : 0;
		double own = total - rabbit;
		double inMemory = railside.serverCpuMicrosPerDelivery();
		String measured = String.format(
				"at %s deliveries/s (fanout-max, both held): stream Railside %s µs + RabbitMQ %s µs = %s µs; in-memory %s µs (Railside's own %s, with RabbitMQ %s)",
				Numbers.count(stream.offeredDeliveriesPerSecond()), Numbers.micros(own), Numbers.micros(rabbit),
				Numbers.micros(total), Numbers.micros(inMemory), Numbers.ratio(own / inMemory),
				Numbers.ratio(total / inMemory));
		return TargetCheck.of(target, measured, own <= 1.3 * inMemory);
	}

	private TargetCheck latency() {
		String target = "Stream mode: p99 at 2,000 deliveries/s <= the in-memory broker's p99 + 20 ms, no loss";
		Optional<FlowResult> stream = this.results.get(Peers.STREAM, PeerResult::broadcast);
		Optional<FlowResult> railside = this.results.get(Peers.RAILSIDE, PeerResult::broadcast);
		if (stream.isEmpty() || railside.isEmpty()) {
			return TargetCheck.missing(target, "the broadcast of stream mode or the in-memory broker is missing");
		}
		double p99 = stream.get().latency().p99();
		double inMemory = railside.get().latency().p99();
		String measured = String.format("stream p99 %s ms (lost %d); in-memory %s ms (+ 20 ms: %s ms)",
				Numbers.millis(p99), stream.get().lost(), Numbers.millis(inMemory), Numbers.millis(inMemory + 20));
		return TargetCheck.of(target, measured, p99 <= inMemory + 20 && stream.get().lost() == 0);
	}

	private TargetCheck hold() {
		String target = "Stream mode: 15,000 idle subscribed sessions on one instance: <= 32 KiB per session (heap after GC + native)";
		Optional<HoldResult> stream = this.results.get(Peers.STREAM, PeerResult::hold);
		Double perSession = stream.map(HoldResult::heapAndNativePerSession).orElse(null);
		if (perSession == null) {
			return TargetCheck.missing(target, "stream mode's hold is missing");
		}
		HoldResult hold = stream.get();
		StringBuilder measured = new StringBuilder(String.format("N=%,d (%,d held): stream %s KiB", hold.sessions(),
				hold.connected(), Numbers.kib(perSession)));
		this.results.get(Peers.RAILSIDE, PeerResult::hold)
			.filter((other) -> other.heapAndNativePerSession() != null)
			.ifPresent((other) -> measured.append(String.format("; in-memory %s KiB (N=%,d)",
					Numbers.kib(other.heapAndNativePerSession()), other.sessions())));
		return TargetCheck.of(target, measured.toString(),
				perSession <= 32 * 1024 && hold.connected() == hold.sessions());
	}

	private TargetCheck pair() {
		String target = "Stream mode, two instances behind HAProxy: aggregate deliveries/s reported beside one instance's";
		Double pair = this.results.sustained(Peers.STREAM_PAIR);
		Double one = this.results.sustained(Peers.STREAM);
		if (pair == null || one == null) {
			return TargetCheck.missing(target, "fanout-max of one or of two instances is missing or held at no step");
		}
		int subscribers = this.results.get(Peers.STREAM_PAIR, PeerResult::fanoutMax)
			.map(FanoutResult::subscribers)
			.orElse(0);
		return TargetCheck.reported(target, String.format("N=%,d: two instances %s/s; one %s/s (%s)", subscribers,
				Numbers.count(pair), Numbers.count(one), Numbers.ratio(pair / one)));
	}

}
