package io.railside.history;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.railside.history.ChaosSubscriber.Report;
import io.railside.history.Resume.Outcome;
import io.railside.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resumes under churn, seeded and bounded: one backend publishes to a topic at a steady
 * rate while dozens of subscribers drop their connections at random moments and resume
 * from the last message they received, a quarter of them also cut off by the server each
 * time their short-lived token expires. The history is large enough for every resume to
 * recover; at the end each subscriber holds every message exactly once and in order. The
 * seed is printed with the counts, and {@code -Drailside.chaos.seed=...} replays a run's
 * choices (though not its thread timing).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", TestTokens.SECRET_SETTING, TestTokens.ISSUER_SETTING,
				TestTokens.AUDIENCE_SETTING, TestTokens.CLOCK_SKEW_SETTING,
				"railside.publish.token=" + ResumeChaosIntegrationTests.PUBLISH_TOKEN, "railside.history.size=2000" })
@Timeout(120)
class ResumeChaosIntegrationTests {

	static final String PUBLISH_TOKEN = "chaos-publish-token";

	private static final String TOPIC = "/topic/chaos";

	private static final int SUBSCRIBERS = 32;

	private static final int MESSAGES = 400;

	private static final Duration PERIOD = Duration.ofMillis(25);

	private static final Duration RUN_LIMIT = Duration.ofSeconds(50);

	@Value("${local.http.port}")
	private int httpPort;

	@Autowired
	private History<?> history;

	@Test
	void everySubscriberHoldsEveryMessageOnceAndInOrderThroughDropsAndExpiredTokens() throws Exception {
		long seed = Long.getLong("railside.chaos.seed", 20261201L);
		long started = System.nanoTime();
		HttpClient http = HttpClient.newHttpClient();
		ExecutorService threads = Executors.newFixedThreadPool(SUBSCRIBERS);
		try (ChaosPublisher publisher = new ChaosPublisher(this.httpPort, PUBLISH_TOKEN, TOPIC, MESSAGES)) {
			List<ChaosSubscriber> subscribers = subscribe(seed, http, publisher);
			publisher.start(PERIOD);
			List<Future<Report>> running = subscribers.stream().map(threads::submit).toList();
			List<String> published = publisher.done().get(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
			List<Report> reports = new ArrayList<>();
			for (Future<Report> subscriber : running) {
				reports.add(subscriber.get(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS));
			}
			print(seed, reports, Duration.ofNanos(System.nanoTime() - started));
			assertThat(published).hasSize(MESSAGES).doesNotHaveDuplicates();
			assertThat(reports).allSatisfy((report) -> {
				assertThat(report.failures()).as(report.name()).isEmpty();
				assertThat(report.received()).as(report.name()).containsExactlyElementsOf(published);
				assertThat(report.outcomes().keySet()).as(report.name()).containsOnly("recovered");
			});
			int resumes = reports.stream().mapToInt(Report::resumes).sum();
			assertThat(resumes).as("resumes").isGreaterThanOrEqualTo(SUBSCRIBERS);
			assertThat(reports.stream().mapToInt(Report::expiries).sum()).as("expired tokens").isPositive();
			assertThat(this.history.resumes(Outcome.RECOVERED)).as("resumes the server recovered")
				.isGreaterThanOrEqualTo(resumes);
			assertThat(this.history.resumes(Outcome.TOO_OLD) + this.history.resumes(Outcome.TOO_MANY))
				.as("resumes the server could not recover")
				.isZero();
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * Connect and subscribe every subscriber, before anything is published; a quarter of
	 * them with short-lived tokens.
	 */
	private List<ChaosSubscriber> subscribe(long seed, HttpClient http, ChaosPublisher publisher) {
		List<ChaosSubscriber> subscribers = new ArrayList<>();
		for (int i = 0; i < SUBSCRIBERS; i++) {
			ChaosSubscriber subscriber = new ChaosSubscriber(i, seed + i, i % 4 == 0, http,
					"ws://localhost:" + this.httpPort + "/stomp", TOPIC, publisher, MESSAGES);
			subscriber.subscribe();
			subscribers.add(subscriber);
		}
		return subscribers;
	}

	private void print(long seed, List<Report> reports, Duration took) {
		Map<String, Integer> outcomes = new TreeMap<>();
		reports
			.forEach((report) -> report.outcomes().forEach((outcome, n) -> outcomes.merge(outcome, n, Integer::sum)));
		System.out.printf(
				"Resume chaos, seed %d: %d subscribers, %d messages at one per %d ms; %d resumes (%d after a drop, "
						+ "%d after an expired token) by outcome %s; the server recovered %d resumes and replayed %d "
						+ "messages; %d failures; %.1f s%n",
				seed, SUBSCRIBERS, MESSAGES, PERIOD.toMillis(), reports.stream().mapToInt(Report::resumes).sum(),
				reports.stream().mapToInt(Report::drops).sum(), reports.stream().mapToInt(Report::expiries).sum(),
				outcomes, this.history.resumes(Outcome.RECOVERED), this.history.replayed(),
				reports.stream().mapToInt((report) -> report.failures().size()).sum(), took.toMillis() / 1000.0);
	}

}
