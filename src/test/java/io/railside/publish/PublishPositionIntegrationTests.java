package io.railside.publish;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.railside.history.Position;
import io.railside.history.Resume;
import io.railside.stomp.RawStompSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Positions and {@code Idempotency-Key} end to end: a backend publishes and reads
 * positions with the JDK HttpClient, a browser's stand-in subscribes over a plain
 * WebSocket. The position the API answers is the one subscribers receive; a browser that
 * subscribes from the position its backend read before rendering misses nothing published
 * since; a retried publish arrives once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.publish.token=" + PublishPositionIntegrationTests.TOKEN })
@Timeout(60)
class PublishPositionIntegrationTests {

	static final String TOKEN = "integration-position-token";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.shared();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final List<RawStompSocket> sockets = new ArrayList<>();

	@Value("${local.http.port}")
	private int httpPort;

	@AfterEach
	void closeAll() {
		this.sockets.forEach(RawStompSocket::abort);
	}

	@Test
	void thePositionsTheApiAnswersAreTheOnesSubscribersReceive() throws Exception {
		RawStompSocket subscriber = subscribed("/topic/positions.same", "");
		JsonNode single = accepted(publish(null, """
				{"destination": "/topic/positions.same", "body": "one"}"""));
		assertReceived(subscriber, "one", single.get("position"));
		JsonNode batch = accepted(publish(null, """
				{"messages": [{"destination": "/topic/positions.same", "body": "two"},
				 {"destination": "/user/nobody/queue/notices", "body": "private"},
				 {"destination": "/topic/positions.same", "body": "three"}]}"""));
		JsonNode positions = batch.get("positions");
		assertThat(positions.size()).isEqualTo(3);
		assertThat(positions.get(1).isNull()).isTrue();
		assertReceived(subscriber, "two", positions.get(0));
		assertReceived(subscriber, "three", positions.get(2));
		assertThat(positions.get(2).get("offset").longValue())
			.isGreaterThan(positions.get(0).get("offset").longValue());
	}

	@Test
	void aBrowserSubscribingFromThePositionItsBackendReadFirstMissesNothing() throws Exception {
		JsonNode before = accepted(publish(null, """
				{"destination": "/topic/positions.render", "body": "in the rendered state"}"""));
		// The backend reads the position, then the state, and renders both.
		HttpResponse<String> read = position("positions.render");
		assertThat(read.statusCode()).isEqualTo(200);
		JsonNode rendered = json.readTree(read.body());
		assertThat(rendered).isEqualTo(before.get("position"));
		// Published while the page is on its way to the browser.
		JsonNode between = accepted(publish(null, """
				{"destination": "/topic/positions.render", "body": "published in between"}"""));
		RawStompSocket browser = connected();
		subscribe(browser, "/topic/positions.render",
				"receipt:r\n" + Position.EPOCH_HEADER + ":" + rendered.get("epoch").stringValue() + "\n"
						+ Position.OFFSET_HEADER + ":" + rendered.get("offset").longValue() + "\n");
		StompHeaderAccessor receipt = browser.awaitFrame();
		assertThat(receipt.getCommand().name()).isEqualTo("RECEIPT");
		assertThat(receipt.getFirstNativeHeader(Resume.RECOVERED_HEADER)).isEqualTo("true");
		assertReceived(browser, "published in between", between.get("position"));
		JsonNode live = accepted(publish(null, """
				{"destination": "/topic/positions.render", "body": "live"}"""));
		assertReceived(browser, "live", live.get("position"));
	}

	@Test
	void aPublishRetriedWithItsIdempotencyKeyArrivesOnce() throws Exception {
		RawStompSocket subscriber = subscribed("/topic/positions.once", "");
		String key = UUID.randomUUID().toString();
		String body = """
				{"destination": "/topic/positions.once", "body": "order 42 shipped"}""";
		HttpResponse<String> first = publish(key, body);
		HttpResponse<String> retry = publish(key, body);
		assertThat(retry.statusCode()).isEqualTo(202);
		assertThat(json.readTree(retry.body())).isEqualTo(json.readTree(first.body()));
		HttpResponse<String> reused = publish(key, body.replace("shipped", "cancelled"));
		assertThat(reused.statusCode()).isEqualTo(422);
		assertThat(json.readTree(reused.body()).get("code").stringValue()).isEqualTo("publish.idempotency_key_reused");
		accepted(publish(null, """
				{"destination": "/topic/positions.once", "body": "next"}"""));
		assertReceived(subscriber, "order 42 shipped", accepted(first).get("position"));
		assertThat(RawStompSocket.body(subscriber.awaitFrame())).isEqualTo("next");
	}

	@Test
	void thePositionNeedsThePublishToken() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(url("/api/v1/topics/a/position"))
			.timeout(TIMEOUT)
			.header("Authorization", "Bearer not-the-token")
			.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json.readTree(response.body()).get("code").stringValue()).isEqualTo("publish.unauthorized");
	}

	private static void assertReceived(RawStompSocket subscriber, String body, JsonNode position) {
		StompHeaderAccessor message = subscriber.awaitFrame();
		assertThat(message.getCommand().name()).isEqualTo("MESSAGE");
		assertThat(RawStompSocket.body(message)).isEqualTo(body);
		assertThat(message.getFirstNativeHeader(Position.EPOCH_HEADER)).isEqualTo(position.get("epoch").stringValue());
		assertThat(message.getFirstNativeHeader(Position.OFFSET_HEADER))
			.isEqualTo(Long.toString(position.get("offset").longValue()));
	}

	private static JsonNode accepted(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return json.readTree(response.body());
	}

	private HttpResponse<String> publish(@Nullable String idempotencyKey, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(PublishController.PATH))
			.timeout(TIMEOUT)
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return this.http.send(request.build(), BodyHandlers.ofString());
	}

	private HttpResponse<String> position(String topic) throws Exception {
		return this.http.send(HttpRequest.newBuilder(url("/api/v1/topics/" + topic + "/position"))
			.timeout(TIMEOUT)
			.header("Authorization", "Bearer " + TOKEN)
			.build(), BodyHandlers.ofString());
	}

	private URI url(String path) {
		return URI.create("http://localhost:" + this.httpPort + path);
	}

	/**
	 * A socket subscribed to a topic, the subscription in place (its RECEIPT received)
	 * before anything is published.
	 */
	private RawStompSocket subscribed(String destination, String headers) {
		RawStompSocket socket = connected();
		subscribe(socket, destination, "receipt:s\n" + headers);
		assertThat(socket.awaitFrame().getCommand().name()).isEqualTo("RECEIPT");
		return socket;
	}

	private RawStompSocket connected() {
		RawStompSocket socket = RawStompSocket.connected("ws://localhost:" + this.httpPort + "/stomp");
		this.sockets.add(socket);
		return socket;
	}

	private static void subscribe(RawStompSocket socket, String destination, String headers) {
		socket.send("SUBSCRIBE\nid:0\ndestination:" + destination + "\n" + headers + "\n\0");
	}

}
