package io.railside.bench.scenario;

import io.railside.bench.report.FlowResult;

/**
 * One publisher to N subscribers of one topic at a fixed rate: delivered messages per
 * second, latency, time until the last subscriber has each message, loss, duplicates.
 */
final class BroadcastScenario {

	static final String TOPIC = "/topic/bench.broadcast";

	private static final int WARM_UP_SECONDS = 2;

	private BroadcastScenario() {
	}

	static FlowResult run(ScenarioContext context) throws Exception {
		Plan plan = context.plan();
		int subscribers = plan.broadcastSubscribers();
		double perSecond = plan.broadcastDeliveriesPerSecond() / subscribers;
		try (Publishing publishing = Publishing.open(context, subscribers, (i) -> TOPIC)) {
			// Unmeasured, at five times the rate: code paths compiled in both processes.
			publishing.flow().run((i) -> TOPIC, subscribers, 5 * perSecond, WARM_UP_SECONDS);
			return publishing.flow().run((i) -> TOPIC, subscribers, perSecond, plan.broadcastSeconds());
		}
	}

}
