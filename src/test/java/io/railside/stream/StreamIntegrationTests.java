package io.railside.stream;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.railside.stomp.StompTestSession;
import io.railside.stomp.StompTestSession.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.simp.stomp.StompHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one stream act as one broker: what is published on either reaches
 * subscribers of both, with the same positions, and a client resumes on the other.
 */
@EnabledIfEnvironmentVariable(named = StreamInstance.HOST_VARIABLE, matches = ".*\\S.*")
@Timeout(120)
class StreamIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String STREAM = StreamInstance.newStream();

	private static StreamInstance a;

	private static StreamInstance b;

	@BeforeAll
	static void start() {
		a = StreamInstance.start(STREAM);
		b = StreamInstance.start(STREAM);
		a.awaitReadiness(200);
		b.awaitReadiness(200);
	}

	@AfterAll
	static void stop() throws Exception {
		if (a != null) {
			a.close();
		}
		if (b != null) {
			b.close();
		}
		StreamInstance.deleteStream(STREAM);
	}

	@Test
	void aSendOnOneInstanceReachesSubscribersOfBothWithTheSamePosition() {
		StompTestSession onA = a.connect("reader-a");
		StompTestSession onB = b.connect("reader-b");
		onA.subscribe("/topic/stream.chat");
		onB.subscribe("/topic/stream.chat");
		StompTestSession writer = b.connect("writer");
		writer.sendWithReceipt("/topic/stream.chat", "hello");
		Frame fromA = onA.awaitFrame();
		Frame fromB = onB.awaitFrame();
		assertThat(fromA.body()).isEqualTo("hello");
		assertThat(fromB.body()).isEqualTo("hello");
		assertThat(fromA.header("railside-epoch")).isNotNull().isEqualTo(fromB.header("railside-epoch"));
		assertThat(fromA.header("railside-offset")).isNotNull().isEqualTo(fromB.header("railside-offset"));
		onA.disconnect();
		onB.disconnect();
		writer.disconnect();
	}

	@Test
	void thePublishApiAnswersOnceRabbitMqHasTheMessageWithItsPosition() throws Exception {
		StompTestSession onA = a.connect("reader");
		onA.subscribe("/topic/stream.orders");
		HttpResponse<String> response = b.publish("""
				{"destination": "/topic/stream.orders", "body": "shipped", "headers": {"event": "order.shipped"}}""");
		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode position = json.readTree(response.body()).get("position");
		Frame frame = onA.awaitFrame();
		assertThat(frame.body()).isEqualTo("shipped");
		assertThat(frame.header("event")).isEqualTo("order.shipped");
		assertThat(position).isNotNull();
		assertThat(position.get("epoch").stringValue()).isEqualTo(frame.header("railside-epoch"));
		assertThat(String.valueOf(position.get("offset").longValue())).isEqualTo(frame.header("railside-offset"));
		onA.disconnect();
	}

	@Test
	void aClientResumesOnTheOtherInstance() throws Exception {
		StompTestSession first = a.connect("mover");
		first.subscribe("/topic/stream.moves");
		b.publish("""
				{"destination": "/topic/stream.moves", "body": "one"}""");
		Frame one = first.awaitFrame();
		first.disconnect();
		for (String body : new String[] { "two", "three" }) {
			assertThat(a.publish("""
					{"destination": "/topic/stream.moves", "body": "%s"}""".formatted(body)).statusCode())
				.isEqualTo(202);
		}
		StompTestSession second = b.connect("mover");
		StompHeaders resume = new StompHeaders();
		resume.add("railside-epoch", one.header("railside-epoch"));
		resume.add("railside-offset", one.header("railside-offset"));
		StompHeaders receipt = second.subscribeForReceipt("/topic/stream.moves", resume).receipt();
		assertThat(receipt.getFirst("railside-recovered")).isEqualTo("true");
		assertThat(second.awaitFrame().body()).isEqualTo("two");
		assertThat(second.awaitFrame().body()).isEqualTo("three");
		second.assertNoFrame(Duration.ofMillis(300));
		second.disconnect();
	}

	@Test
	void anInstanceThatStartsLaterHasReadTheHistoryOnceItIsReady() throws Exception {
		JsonNode tenth = null;
		for (int i = 0; i < 30; i++) {
			HttpResponse<String> response = a.publish("""
					{"destination": "/topic/stream.history", "body": "%d"}""".formatted(i));
			assertThat(response.statusCode()).isEqualTo(202);
			if (i == 9) {
				tenth = json.readTree(response.body()).get("position");
			}
		}
		try (StreamInstance later = StreamInstance.ready(STREAM)) {
			assertThat(json.readTree(later.position("stream.history").body()))
				.isEqualTo(json.readTree(a.position("stream.history").body()));
			StompTestSession resumer = later.connect("resumer");
			StompHeaders resume = new StompHeaders();
			resume.add("railside-epoch", tenth.get("epoch").stringValue());
			resume.add("railside-offset", String.valueOf(tenth.get("offset").longValue()));
			assertThat(resumer.subscribeForReceipt("/topic/stream.history", resume)
				.receipt()
				.getFirst("railside-recovered")).isEqualTo("true");
			for (int i = 10; i < 30; i++) {
				assertThat(resumer.awaitFrame().body()).isEqualTo(String.valueOf(i));
			}
			resumer.assertNoFrame(Duration.ofMillis(300));
			resumer.disconnect();
		}
	}

	@Test
	void theStreamsMetersCountConfirmsAndTellTheLag() throws Exception {
		assertThat(b.publish("""
				{"destination": "/topic/stream.metered", "body": "counted"}""").statusCode()).isEqualTo(202);
		MeterRegistry meters = b.bean(MeterRegistry.class);
		assertThat(meters.get("railside.stream.confirm").timer().count()).isPositive();
		assertThat(meters.get("railside.stream.appends.refused").functionCounter().count()).isZero();
		assertThat(meters.get("railside.stream.rejected").functionCounter().count()).isZero();
		assertThat(meters.get("railside.stream.lag").gauge().value()).isZero();
	}

	@Test
	void aUsersMessageReachesTheUserOnTheOtherInstance() throws Exception {
		StompTestSession alice = b.connect("alice");
		alice.subscribe("/user/queue/notices");
		HttpResponse<String> response = a.publish("""
				{"destination": "/user/alice/queue/notices", "body": "for alice"}""");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(alice.awaitFrame().body()).isEqualTo("for alice");
		alice.disconnect();
	}

}
