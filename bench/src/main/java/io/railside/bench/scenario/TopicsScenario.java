package io.railside.bench.scenario;

import java.util.SplittableRandom;

import io.railside.bench.report.FlowResult;

/**
 * N sessions, each on its own topic, and one publisher sending to topics drawn at random
 * (the same seeded sequence for every peer).
 */
final class TopicsScenario {

	private static final long SEED = 42;

	private TopicsScenario() {
	}

	static FlowResult run(ScenarioContext context) throws Exception {
		Plan plan = context.plan();
		int sessions = plan.topicsSessions();
		int[] targets = new SplittableRandom(SEED)
			.ints((long) Math.ceil(plan.topicsPerSecond() * plan.topicsSeconds()) + 1, 0, sessions)
			.toArray();
		try (Publishing publishing = Publishing.open(context, sessions, TopicsScenario::topic)) {
			return publishing.flow().run((i) -> topic(targets[i]), 1, plan.topicsPerSecond(), plan.topicsSeconds());
		}
	}

	private static String topic(int index) {
		return "/topic/bench.t" + index;
	}

}
