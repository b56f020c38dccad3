package io.railside.bench.scenario;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.railside.bench.client.StompSession;
import io.railside.bench.load.PacedSender;
import io.railside.bench.load.Payload;
import io.railside.bench.load.ResumingSubscriber;
import io.railside.bench.load.ResumingSubscribers;
import io.railside.bench.measure.CpuProbe;
import io.railside.bench.report.ReplayResult;

/**
 * Subscribers that all missed the same messages resume at once, as after a deploy or a
 * network blip: N subscribe to one topic and keep the position of the last message they
 * had, drop their connections abruptly, M messages are published, the N reconnect, and
 * then send their resuming SUBSCRIBEs in one burst. Measured from the burst: the time
 * until every subscriber has every message, the RECEIPTs' answers, and who was cut off.
 * Only a peer that keeps history (Railside's in-memory broker) can pass.
 */
final class ReplayScenario {

	static final String TOPIC = "/topic/bench.replay";

	/** The run number the missed messages carry; the topic is the scenario's own. */
	private static final long RUN = 1;

	private static final double PUBLISH_PER_SECOND = 10_000;

	private static final Duration SETUP_LIMIT = Duration.ofSeconds(60);

	private static final Duration REPLAY_LIMIT = Duration.ofSeconds(120);

	private ReplayScenario() {
	}

	static ReplayResult run(ScenarioContext context) throws Exception {
		Plan plan = context.plan();
		int messages = plan.replayMessages();
		try (ResumingSubscribers subscribers = new ResumingSubscribers(context.connector(), TOPIC,
				plan.replaySubscribers(), RUN, messages, plan.setupPerSecond())) {
			Map<String, Long> failed = subscribers.subscribe();
			require(failed.isEmpty(), "subscribers failed to connect: " + failed);
			StompSession publisher = context.connector().connect((buffer, start, end) -> {
			}).get(60, TimeUnit.SECONDS);
			try {
				awaitPositions(subscribers, publisher);
				subscribers.drop(Duration.ofSeconds(30));
				int sent = PacedSender.run(System.nanoTime(), PUBLISH_PER_SECOND, messages, 2_000_000_000L,
						(i, intended) -> publisher.publish(TOPIC, new Payload(RUN, i, intended)));
				require(sent == messages && subscribers.awaitPublished(SETUP_LIMIT),
						"the witness subscription did not get all " + messages + " messages");
				long reconnectStart = System.nanoTime();
				Map<String, Long> reconnectFailures = subscribers.reconnect();
				double reconnectSeconds = (System.nanoTime() - reconnectStart) / 1e9;
				return resume(context, subscribers, messages, reconnectFailures, reconnectSeconds);
			}
			finally {
				publisher.close();
			}
		}
	}

	private static void awaitPositions(ResumingSubscribers subscribers, StompSession publisher) {
		int missing = subscribers.awaitPositions(publisher, SETUP_LIMIT);
		require(missing == 0, missing + " subscribers never had the last probe");
		require(subscribers.resuming().stream().allMatch(ResumingSubscriber::hasPosition),
				"the peer's messages carry no railside-epoch and railside-offset: nothing to resume from");
	}

	private static ReplayResult resume(ScenarioContext context, ResumingSubscribers subscribers, int messages,
			Map<String, Long> reconnectFailures, double reconnectSeconds) {
		CpuProbe generator = CpuProbe.self();
		long serverStart = context.serverCpu().micros();
		long generatorStart = generator.micros();
		long start = System.nanoTime();
		subscribers.resume();
		subscribers.awaitReplayed(REPLAY_LIMIT);
		long serverCpu = context.serverCpu().micros() - serverStart;
		long generatorCpu = generator.micros() - generatorStart;
		ReplayTally tally = new ReplayTally(start);
		subscribers.resuming().forEach(tally::add);
		return tally.result(context, messages, reconnectFailures, reconnectSeconds, serverCpu, generatorCpu);
	}

	private static void require(boolean condition, String problem) {
		if (!condition) {
			throw new IllegalStateException(problem);
		}
	}

}
