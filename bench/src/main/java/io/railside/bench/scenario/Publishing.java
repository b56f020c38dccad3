package io.railside.bench.scenario;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.railside.bench.client.StompSession;
import io.railside.bench.load.SubscriberSet;

/**
 * Subscribers and one publisher, set up for publish scenarios: every subscriber
 * connected, subscribed and reached by a probe before a measured message goes out.
 */
final class Publishing implements AutoCloseable {

	private static final Duration READY_LIMIT = Duration.ofSeconds(60);

	private final ScenarioContext context;

	private final SubscriberSet subscribers;

	private final StompSession publisher;

	private Publishing(ScenarioContext context, SubscriberSet subscribers, StompSession publisher) {
		this.context = context;
		this.subscribers = subscribers;
		this.publisher = publisher;
	}

	static Publishing open(ScenarioContext context, int subscribers, IntFunction<String> destinations)
			throws Exception {
		SubscriberSet set = new SubscriberSet(context.connector(), subscribers, destinations,
				context.plan().setupPerSecond());
		set.connectMissing();
		StompSession publisher = context.connector().connect((buffer, start, end) -> {
		}).get(60, TimeUnit.SECONDS);
		Publishing publishing = new Publishing(context, set, publisher);
		publishing.ensureReady();
		return publishing;
	}

	/**
	 * Reconnects subscribers a server cut off, and waits until probes reach all.
	 * @return how many subscribers are still not reached
	 */
	int ensureReady() {
		this.subscribers.connectMissing();
		return this.subscribers.awaitReady(this.publisher, READY_LIMIT);
	}

	FlowRun flow() {
		return new FlowRun(this.context, this.subscribers, this.publisher);
	}

	boolean publisherOpen() {
		return this.publisher.isOpen();
	}

	@Override
	public void close() {
		this.publisher.close();
		this.subscribers.close();
	}

}
