package io.railside.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.railside.bench.measure.Latency;
import io.railside.bench.measure.MemorySample;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTargetsTests {

	private final Map<String, PeerResult> peers = new LinkedHashMap<>();

	@Test
	void comparesStreamModeWithTheInMemoryBrokerAndRabbitmq() {
		fanout(Peers.RAILSIDE, step(50_000, true, 15.0, null));
		fanout(Peers.STREAM, step(50_000, true, 17.0, 0.5));
		fanout(Peers.RABBITMQ, step(15_000, true, 60.0, null));

		TargetCheck check = check("Stream mode, one instance");

		assertThat(check.verdict()).isEqualTo("met");
		assertThat(check.measured()).contains("stream 50,000/s", "(1.00x)", "(3.33x)");
	}

	@Test
	void streamModeUnderThreeTimesRabbitmqMissesTheFanoutTarget() {
		fanout(Peers.RAILSIDE, step(50_000, true, 15.0, null));
		fanout(Peers.STREAM, step(40_000, true, 17.0, 0.5));
		fanout(Peers.RABBITMQ, step(15_000, true, 60.0, null));

		assertThat(check("Stream mode, one instance").verdict()).isEqualTo("not met");
	}

	@Test
	void aLossInStreamModesBroadcastMissesTheFanoutTarget() {
		fanout(Peers.RAILSIDE, step(50_000, true, 15.0, null));
		fanout(Peers.RABBITMQ, step(15_000, true, 60.0, null));
		Latency latency = new Latency(100, 1, 10, 20, 30);
		FlowResult lossy = new FlowResult(1000, 2, 2000, 10, 20, 20_000, 19_999, 1, 0, 2000, latency, latency, 50.0,
				1.0, 20.0, 0.1, 0);
		FanoutResult fanout = fanoutOf(step(50_000, true, 17.0, 0.5));
		this.peers.put(Peers.STREAM,
				new PeerResult(Peers.STREAM, Map.of(), null, lossy, fanout, null, null, null, null, List.of()));

		TargetCheck check = check("Stream mode, one instance");

		assertThat(check.verdict()).isEqualTo("not met");
		assertThat(check.measured()).contains("lost in stream mode's broadcast and topics: 1");
	}

	@Test
	void comparesCpuAtTheHighestStepBothHeldWithRabbitmqBeside() {
		fanout(Peers.RAILSIDE, step(25_000, true, 20.0, null), step(50_000, true, 15.0, null),
				step(100_000, false, 14.0, null));
		fanout(Peers.STREAM, step(25_000, true, 26.0, 2.0), step(50_000, false, 18.0, 1.0));

		TargetCheck check = check("Stream mode: Railside's CPU");

		assertThat(check.verdict()).isEqualTo("met");
		assertThat(check.measured()).contains("at 25,000 deliveries/s", "Railside 24.00 µs + RabbitMQ 2.00 µs",
				"in-memory 20.00 µs (Railside's own 1.20x, with RabbitMQ 1.30x)");
		fanout(Peers.STREAM, step(25_000, true, 30.0, 2.0));
		assertThat(check("Stream mode: Railside's CPU").verdict()).isEqualTo("not met");
	}

	@Test
	void comparesLatencyAtTwoThousandDeliveriesWithTheInMemoryBrokersPlusTwentyMilliseconds() {
		broadcast(Peers.RAILSIDE, 43.4);
		broadcast(Peers.STREAM, 63.0);

		TargetCheck check = check("Stream mode: p99");

		assertThat(check.verdict()).isEqualTo("met");
		assertThat(check.measured()).contains("stream p99 63.0 ms (lost 0)", "+ 20 ms: 63.4 ms");
		broadcast(Peers.STREAM, 64.0);
		assertThat(check("Stream mode: p99").verdict()).isEqualTo("not met");
	}

	@Test
	void holdsIdleSessionsWithinThirtyTwoKibEach() {
		hold(Peers.STREAM, 15_000, 15_000, 30 * 1024);

		assertThat(check("Stream mode: 15,000 idle").verdict()).isEqualTo("met");
		hold(Peers.STREAM, 15_000, 15_000, 33 * 1024);
		assertThat(check("Stream mode: 15,000 idle").verdict()).isEqualTo("not met");
		hold(Peers.STREAM, 15_000, 14_990, 30 * 1024);
		assertThat(check("Stream mode: 15,000 idle").verdict()).isEqualTo("not met");
	}

	@Test
	void reportsTwoInstancesBesideOne() {
		fanout(Peers.STREAM, step(50_000, true, 17.0, 0.5));
		fanout(Peers.STREAM_PAIR, step(45_000, true, 20.0, 0.5));

		TargetCheck check = check("Stream mode, two instances");

		assertThat(check.verdict()).isEqualTo("reported");
		assertThat(check.measured()).contains("two instances 45,000/s; one 50,000/s (0.90x)");
	}

	private TargetCheck check(String target) {
		return TargetsTests.check(new Targets(this.peers).check(), target);
	}

	private void fanout(String peer, FlowResult... steps) {
		this.peers.put(peer,
				new PeerResult(peer, Map.of(), null, null, fanoutOf(steps), null, null, null, null, List.of()));
	}

	private static FanoutResult fanoutOf(FlowResult... steps) {
		FlowResult best = null;
		for (FlowResult step : steps) {
			if (step.holds(250) && (best == null || step.deliveriesPerSecond() > best.deliveriesPerSecond())) {
				best = step;
			}
		}
		return new FanoutResult(1000, 250, List.of(steps), best, "failed");
	}

	private static FlowResult step(double rate, boolean holds, double serverCpu, @Nullable Double brokerCpu) {
		Latency latency = new Latency(100, 1, holds ? 10 : 900, 950, 1000);
		return new FlowResult(1000, rate / 1000, rate, 5, 10, 10_000, 10_000, 0, 0, rate, latency, latency, serverCpu,
				brokerCpu, 10.0, 1.0, 0);
	}

	private void broadcast(String peer, double p99) {
		Latency latency = new Latency(20_000, 10, p99, p99 + 5, p99 + 10);
		FlowResult broadcast = new FlowResult(1000, 2, 2000, 10, 20, 20_000, 20_000, 0, 0, 2000, latency, latency, 50.0,
				null, 20.0, 0.1, 0);
		this.peers.put(peer, new PeerResult(peer, Map.of(), null, broadcast, null, null, null, null, null, List.of()));
	}

	private void hold(String peer, int sessions, int held, double heapPerSession) {
		MemorySample sample = new MemorySample(0L, 0L, 0);
		HoldResult hold = new HoldResult(sessions, held, Map.of(), sample, sample, heapPerSession, 0.0, 0);
		this.peers.put(peer, new PeerResult(peer, Map.of(), hold, null, null, null, null, null, null, List.of()));
	}

}
