package io.railside.stream;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.railside.stomp.StompTestSession;
import io.railside.stomp.StompTestSession.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.messaging.simp.stomp.StompHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RabbitMQ stops and returns ({@code rabbitmqctl stop_app} / {@code start_app}) while a
 * backend publishes: sessions stay open, publishing is refused with 503 while RabbitMQ is
 * away, readiness is DOWN, and afterwards nothing answered 202 is lost: a subscriber that
 * stayed connected and one that resumed on the other instance each get every such message
 * once, in order.
 */
@EnabledIfEnvironmentVariable(named = StreamInstance.HOST_VARIABLE, matches = ".*\\S.*")
@Timeout(180)
class StreamRabbitMqRestartIntegrationTests {

	private static final String TOPIC = "/topic/stream.outage";

	private final LocalRabbitMq rabbitmq = new LocalRabbitMq();

	@Test
	void nothingAnswered202IsLostWhenRabbitMqStopsAndReturns() throws Exception {
		String stream = StreamInstance.newStream();
		try (StreamInstance a = StreamInstance.ready(stream); StreamInstance b = StreamInstance.ready(stream)) {
			StompTestSession stays = a.connect("stays");
			stays.subscribe(TOPIC);
			StompTestSession moves = b.connect("moves");
			moves.subscribe(TOPIC);
			List<Integer> accepted = new ArrayList<>();
			publish(b, 0, 20, accepted);
			Frame lastBeforeOutage = null;
			for (int i = 0; i < 20; i++) {
				lastBeforeOutage = moves.awaitFrame();
			}
			moves.disconnect();
			this.rabbitmq.stop();
			try {
				HttpResponse<String> refused = b.publish(message(1000));
				assertThat(refused.statusCode()).isEqualTo(503);
				assertThat(refused.body()).contains("publish.unavailable");
				a.awaitReadiness(503);
				b.awaitReadiness(503);
				assertThat(stays.closed()).isNotDone();
			}
			finally {
				this.rabbitmq.start();
			}
			a.awaitReadiness(200);
			b.awaitReadiness(200);
			publish(a, 20, 40, accepted);
			assertThat(accepted).hasSize(40);
			assertThat(bodies(stays, accepted.size())).containsExactlyElementsOf(accepted);
			stays.assertNoFrame(Duration.ofMillis(500));
			StompTestSession resumed = a.connect("moves");
			StompHeaders resume = new StompHeaders();
			resume.add("railside-epoch", lastBeforeOutage.header("railside-epoch"));
			resume.add("railside-offset", lastBeforeOutage.header("railside-offset"));
			assertThat(resumed.subscribeForReceipt(TOPIC, resume).receipt().getFirst("railside-recovered"))
				.isEqualTo("true");
			assertThat(bodies(resumed, 20)).containsExactlyElementsOf(accepted.subList(20, 40));
			resumed.assertNoFrame(Duration.ofMillis(500));
		}
		finally {
			StreamInstance.deleteStream(stream);
		}
	}

	private static void publish(StreamInstance instance, int from, int to, List<Integer> accepted) throws Exception {
		for (int i = from; i < to; i++) {
			HttpResponse<String> response = instance.publish(message(i));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
			accepted.add(i);
		}
	}

	private static String message(int number) {
		return """
				{"destination": "%s", "body": "%d"}""".formatted(TOPIC, number);
	}

	private static List<Integer> bodies(StompTestSession session, int count) {
		List<Integer> bodies = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			bodies.add(Integer.valueOf(session.awaitFrame().body()));
		}
		return bodies;
	}

}
