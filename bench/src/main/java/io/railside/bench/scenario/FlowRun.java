package io.railside.bench.scenario;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import io.railside.bench.client.StompSession;
import io.railside.bench.load.DeliveryTracker;
import io.railside.bench.load.PacedSender;
import io.railside.bench.load.Payload;
import io.railside.bench.load.SubscriberSet;
import io.railside.bench.measure.CpuProbe;
import io.railside.bench.measure.Latency;
import io.railside.bench.report.FlowResult;

/**
 * One measured publish run: the publisher sends at a fixed rate, open loop, each payload
 * carrying its intended send time; then the run drains, and its deliveries, latency and
 * CPU cost are counted.
 */
final class FlowRun {

	private static final AtomicLong RUNS = new AtomicLong();

	private static final long DRAIN_NANOS = 5_000_000_000L;

	private final ScenarioContext context;

	private final SubscriberSet subscribers;

	private final StompSession publisher;

	FlowRun(ScenarioContext context, SubscriberSet subscribers, StompSession publisher) {
		this.context = context;
		this.subscribers = subscribers;
		this.publisher = publisher;
	}

	/**
	 * Runs at a rate.
	 * @param destinations the destination of each message
	 * @param recipients subscribers that get each message
	 * @param perSecond messages per second
	 * @param seconds how long to publish
	 * @return the result
	 */
	FlowResult run(IntFunction<String> destinations, int recipients, double perSecond, double seconds) {
		int messages = Math.max(1, (int) Math.round(perSecond * seconds));
		long run = RUNS.incrementAndGet();
		DeliveryTracker tracker = new DeliveryTracker(run, messages, recipients, this.subscribers.size());
		this.context.awaitServerSettled();
		this.subscribers.track(tracker);
		CpuProbe generator = CpuProbe.self();
		long serverStart = this.context.serverCpu().micros();
		long brokerStart = this.context.brokerCpu().micros();
		long generatorStart = generator.micros();
		long start = System.nanoTime() + 20_000_000L;
		int sent = PacedSender.run(start, perSecond, messages, 2_000_000_000L,
				(i, intended) -> this.publisher.publish(destinations.apply(i), new Payload(run, i, intended)));
		long expected = (long) sent * recipients;
		awaitDrained(tracker, expected);
		long serverCpu = this.context.serverCpu().micros() - serverStart;
		long brokerCpu = this.context.brokerCpu().micros() - brokerStart;
		long generatorCpu = generator.micros() - generatorStart;
		this.subscribers.track(null);
		long delivered = tracker.delivered();
		double elapsed = Math.max(messages / perSecond, (tracker.lastDeliveryNanos() - start) / 1e9);
		FlowResult result = new FlowResult(this.subscribers.size(), perSecond, perSecond * recipients, seconds, sent,
				expected, delivered, expected - delivered, tracker.duplicates(), delivered / elapsed,
				Latency.of(tracker.latency()), (recipients > 1) ? Latency.of(tracker.lastSubscriber()) : null,
				this.context.cpuPerUnit(serverCpu, delivered), this.context.brokerCpuPerUnit(brokerCpu, delivered),
				(delivered > 0) ? (double) generatorCpu / delivered : 0, serverCpu / 1e6 / elapsed,
				this.subscribers.size() - this.subscribers.open());
		this.subscribers.awaitQuiet(Duration.ofSeconds(1), Duration.ofSeconds(30));
		return result;
	}

	private static void awaitDrained(DeliveryTracker tracker, long expected) {
		long deadline = System.nanoTime() + DRAIN_NANOS;
		while (tracker.delivered() < expected && System.nanoTime() < deadline) {
			LockSupport.parkNanos(10_000_000L);
		}
	}

}
