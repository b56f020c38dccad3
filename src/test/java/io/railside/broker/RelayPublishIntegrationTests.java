package io.railside.broker;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.railside.stomp.RawStompSocket;
import io.railside.stomp.StompProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The publish API in relay mode, against the RabbitMQ named by
 * {@code RAILSIDE_TEST_RABBITMQ_HOST}: every message it accepts reaches a subscriber, its
 * headers and body exactly as sent; every header RabbitMQ's STOMP plugin acts on is
 * refused with 400 before anything is sent (the relay hears nothing of RabbitMQ's
 * refusals, so a 202 for such a message was a silent loss, and RabbitMQ's ERROR ended the
 * relay's system session); and the topics instances talk over are out of reach. Leaves
 * RabbitMQ running.
 */
@EnabledIfEnvironmentVariable(named = LocalBroker.HOST_VARIABLE, matches = ".*\\S.*")
@TestInstance(Lifecycle.PER_CLASS)
@Timeout(120)
class RelayPublishIntegrationTests {

	/**
	 * What RabbitMQ 3.10's STOMP plugin reads from a SEND or SUBSCRIBE
	 * ({@code rabbit_stomp_headers.hrl}, {@code rabbit_stomp_util:message_properties/1}),
	 * and its broker's routing headers, each with a value it refuses or acts on.
	 */
	private static final Map<String, String> RABBITMQ_HEADERS = rabbitMqHeaders();

	private static final Duration QUIET = Duration.ofMillis(300);

	private static final JsonMapper json = JsonMapper.shared();

	private final LocalBroker broker = LocalBroker.fromEnvironment();

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final String topic = "/topic/relay.publish." + this.run;

	private RelayInstance railside;

	private RawStompSocket subscriber;

	private BrokerSubscriber internal;

	@BeforeAll
	void startRailsideAndSubscribe() throws IOException {
		LocalBroker.awaitPort(this.broker.host(), this.broker.stompPort());
		this.railside = RelayInstance.start(this.broker);
		await("readiness UP").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> this.railside.readiness().statusCode() == 200);
		this.subscriber = this.railside.connectRaw("reader-" + this.run);
		assertCommand(this.subscriber.awaitFrame(), "CONNECTED");
		this.subscriber.send("SUBSCRIBE\nid:sub-1\ndestination:" + this.topic + "\nreceipt:subscribed\n\n\0");
		assertCommand(this.subscriber.awaitFrame(), "RECEIPT");
		this.internal = BrokerSubscriber.subscribe(this.broker,
				"/topic/" + StompProperties.INTERNAL_TOPIC_PREFIX + "user-registry");
	}

	@AfterAll
	void stop() throws IOException {
		if (this.subscriber != null) {
			this.subscriber.abort();
		}
		if (this.internal != null) {
			this.internal.close();
		}
		if (this.railside != null) {
			this.railside.close();
		}
	}

	@ParameterizedTest
	@MethodSource("deliverableHeaders")
	void everyHeaderTheApiAcceptsReachesTheSubscriberAsSent(String name, String value) throws Exception {
		String id = accepted(message("header " + name, Map.of(name, value)));
		StompHeaderAccessor frame = this.subscriber.awaitFrame();
		assertCommand(frame, "MESSAGE");
		assertThat(RawStompSocket.body(frame)).isEqualTo("header " + name);
		assertThat(frame.getNativeHeader(name)).as(name).containsExactly(value);
		assertThat(frame.getFirstNativeHeader("railside-message-id")).isEqualTo(id);
	}

	static List<Arguments> deliverableHeaders() {
		List<Arguments> headers = new ArrayList<>();
		for (String value : List.of("", " ", "  padded  ", "a:b::c:", ":", "\\", "back\\slash\\n\\c\\\\",
				"caf\u00e9 \u20ac \u4e2d\u6587 \ud83d\ude80", "\u00a0no-break \u2028 line separator \ufeff",
				"\u20ac".repeat(1024), "\ud83d\ude80".repeat(512), "now", "-1", "true", "%2F", "/temp-queue/replies",
				"/exchange/amq.topic/relay.elsewhere", "x-message-ttl:1")) {
			headers.add(Arguments.of("event", value));
		}
		for (String name : List.of("Event-Type", "order_id", "A", "X", "xray", "cc-list", "bcc2", "typed", "timestamps",
				"priority-class", "expirations", "user", "app", "reply", "content", "durability", "n".repeat(64))) {
			headers.add(Arguments.of(name, "v:" + name));
		}
		return headers;
	}

	@Test
	void theMostHeadersOfTheLongestKindArriveTogether() throws Exception {
		Map<String, String> headers = new LinkedHashMap<>();
		IntStream.range(0, 19)
			.forEach((i) -> headers.put(("h" + i + "-").repeat(40).substring(0, 64),
					(i + ":\u20ac\\").repeat(400).substring(0, 1024)));
		headers.put("Event", "upper");
		accepted(message("many headers", headers));
		StompHeaderAccessor frame = this.subscriber.awaitFrame();
		assertThat(RawStompSocket.body(frame)).isEqualTo("many headers");
		headers.forEach((name, value) -> assertThat(frame.getNativeHeader(name)).as(name).containsExactly(value));
	}

	@ParameterizedTest
	@MethodSource("bodies")
	void everyBodyTheApiAcceptsReachesTheSubscriberAsSent(String body, String received, String contentType)
			throws Exception {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("destination", this.topic);
		message.put("body", json.readTree(body));
		accepted(json.writeValueAsString(message));
		StompHeaderAccessor frame = this.subscriber.awaitFrame();
		assertCommand(frame, "MESSAGE");
		assertThat(RawStompSocket.body(frame)).isEqualTo(received);
		assertThat(frame.getFirstNativeHeader("content-type")).isEqualTo(contentType);
	}

	static List<Arguments> bodies() {
		String largest = "\u20ac".repeat(65536 / 3);
		return List.of(Arguments.of("\"\"", "", "text/plain;charset=UTF-8"),
				Arguments.of("\"nul \\u0000 inside, then \\\\0\"", "nul \u0000 inside, then \\0",
						"text/plain;charset=UTF-8"),
				Arguments.of("\"caf\u00e9 \ud83d\ude80\"", "caf\u00e9 \ud83d\ude80", "text/plain;charset=UTF-8"),
				Arguments.of("\"" + largest + "\"", largest, "text/plain;charset=UTF-8"),
				Arguments.of("{\"order\": 42, \"items\": [\"caf\u00e9\", null]}",
						"{\"order\":42,\"items\":[\"caf\u00e9\",null]}", "application/json"));
	}

	@ParameterizedTest
	@MethodSource("rabbitMqHeaderNames")
	void everyHeaderRabbitMqActsOnIsRefusedAndNothingReachesTheBroker(String name) throws Exception {
		HttpResponse<String> response = this.railside
			.publish(message("refused " + name, Map.of(name, RABBITMQ_HEADERS.getOrDefault(name, "1"))));
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("code").stringValue()).isEqualTo("publish.bad_headers");
		assertThat(problem.get("pointer").stringValue()).isEqualTo("/headers/" + name);
		assertThat(problem.get("detail").stringValue()).matches("The header \\S+ is reserved: [^.]+\\.");
		// The next message is the next to arrive: the refused one never reached the
		// broker, and the relay's system session is still up.
		accepted(message("after " + name, Map.of()));
		assertThat(RawStompSocket.body(this.subscriber.awaitFrame())).isEqualTo("after " + name);
	}

	static List<String> rabbitMqHeaderNames() {
		List<String> names = new ArrayList<>(RABBITMQ_HEADERS.keySet());
		names.addAll(List.of("Timestamp", "PRIORITY", "cc", "Bcc", "X-Custom", "x-request-id"));
		return names;
	}

	@Test
	void theTopicsInstancesTalkOverAreOutOfReach() throws Exception {
		for (String destination : List.of("/topic/railside-internal.user-registry",
				"/topic/railside-internal.unresolved-user")) {
			HttpResponse<String> response = this.railside.publish("""
					{"destination": "%s", "body": {"intruder": true}}""".formatted(destination));
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(json.readTree(response.body()).get("code").stringValue()).isEqualTo("publish.bad_destination");
		}
		// A user queue resolves to a queue of that user's sessions, never to a topic.
		HttpResponse<String> toUser = this.railside.publish("""
				{"destination": "/user/railside-internal.user-registry/queue/railside-internal.user-registry",
				 "body": {"intruder": true}}""");
		assertThat(toUser.statusCode()).isEqualTo(202);
		accepted(message("ordinary", Map.of()));
		assertThat(RawStompSocket.body(this.subscriber.awaitFrame())).isEqualTo("ordinary");
		this.internal.assertNoBodyContaining("intruder", Duration.ofSeconds(2));
	}

	@Test
	void messagesHaveNoPositionsAndAskingForOneIsNotSupported() throws Exception {
		HttpResponse<String> single = this.railside.publish(message("no position", Map.of()));
		assertThat(single.statusCode()).isEqualTo(202);
		assertThat(json.readTree(single.body()).has("position")).isFalse();
		HttpResponse<String> batch = this.railside.publish(json.writeValueAsString(
				Map.of("messages", List.of(Map.of("destination", this.topic, "body", "no position either"),
						Map.of("destination", "/user/nobody/queue/notices", "body", "nor this")))));
		assertThat(batch.statusCode()).isEqualTo(202);
		JsonNode positions = json.readTree(batch.body()).get("positions");
		assertThat(positions.size()).isEqualTo(2);
		assertThat(positions.values()).allMatch(JsonNode::isNull);
		HttpResponse<String> position = this.railside.position(this.topic.substring("/topic/".length()));
		assertThat(position.statusCode()).isEqualTo(501);
		assertThat(json.readTree(position.body()).get("code").stringValue()).isEqualTo("publish.not_supported");
		for (String body : List.of("no position", "no position either")) {
			StompHeaderAccessor frame = this.subscriber.awaitFrame();
			assertThat(RawStompSocket.body(frame)).isEqualTo(body);
			assertThat(frame.getFirstNativeHeader("railside-offset")).isNull();
		}
	}

	private String message(String body, Map<String, String> headers) {
		return json.writeValueAsString(Map.of("destination", this.topic, "body", body, "headers", headers));
	}

	private String accepted(String request) throws Exception {
		HttpResponse<String> response = this.railside.publish(request);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return json.readTree(response.body()).get("id").stringValue();
	}

	private static void assertCommand(StompHeaderAccessor frame, String command) {
		assertThat(String.valueOf(frame.getCommand())).as("%s", frame.toNativeHeaderMap()).isEqualTo(command);
	}

	private static Map<String, String> rabbitMqHeaders() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("timestamp", "now");
		headers.put("priority", "high");
		headers.put("expiration", "soon");
		headers.put("user-id", "mallory");
		headers.put("CC", "relay.elsewhere");
		headers.put("BCC", "relay.elsewhere");
		headers.put("amqp-message-id", "forged");
		headers.put("correlation-id", "forged");
		headers.put("type", "forged");
		headers.put("app-id", "forged");
		headers.put("content-encoding", "gzip");
		headers.put("persistent", "true");
		headers.put("reply-to", "/temp-queue/replies");
		headers.put("durable", "true");
		headers.put("auto-delete", "false");
		headers.put("exclusive", "true");
		headers.put("prefetch-count", "1");
		headers.put("redelivered", "true");
		headers.put("ack", "client");
		headers.put("id", "1");
		headers.put("receipt", "r");
		headers.put("transaction", "tx");
		headers.put("message-id", "m");
		headers.put("subscription", "s");
		headers.put("destination", "/topic/relay.elsewhere");
		headers.put("content-type", "text/html");
		headers.put("content-length", "1");
		for (String argument : List.of("x-dead-letter-exchange", "x-dead-letter-routing-key", "x-expires",
				"x-max-length", "x-max-length-bytes", "x-max-age", "x-max-priority", "x-message-ttl", "x-queue-name",
				"x-queue-type", "x-stream-offset", "x-stream-max-segment-size-bytes", "x-stream-filter",
				"x-stream-filter-size-bytes", "x-stream-filter-value", "x-death", "x-delay")) {
			headers.put(argument, "many");
		}
		return headers;
	}

	/**
	 * A STOMP client of RabbitMQ itself, past Railside, subscribed to one destination: it
	 * sees what Railside's instances exchange there.
	 */
	private static final class BrokerSubscriber implements AutoCloseable {

		private final Socket socket;

		private final BlockingQueue<Message<byte[]>> frames = new LinkedBlockingQueue<>();

		private BrokerSubscriber(Socket socket) {
			this.socket = socket;
		}

		static BrokerSubscriber subscribe(LocalBroker broker, String destination) throws IOException {
			Socket socket = new Socket(broker.host(), broker.stompPort());
			BrokerSubscriber subscriber = new BrokerSubscriber(socket);
			Thread reader = new Thread(subscriber::read, "broker-subscriber");
			reader.setDaemon(true);
			reader.start();
			subscriber.send("CONNECT\naccept-version:1.2\nhost:/\nlogin:guest\npasscode:guest\n\n\0");
			subscriber.awaitCommand("CONNECTED");
			subscriber.send("SUBSCRIBE\nid:watch\ndestination:" + destination + "\nreceipt:watching\n\n\0");
			subscriber.awaitCommand("RECEIPT");
			return subscriber;
		}

		void assertNoBodyContaining(String text, Duration quiet) throws InterruptedException {
			long end = System.nanoTime() + quiet.toNanos();
			Message<byte[]> frame;
			while ((frame = this.frames.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
				assertThat(new String(frame.getPayload(), StandardCharsets.UTF_8)).doesNotContain(text);
			}
		}

		private void awaitCommand(String command) throws IOException {
			try {
				Message<byte[]> frame = this.frames.poll(10, TimeUnit.SECONDS);
				if (frame == null) {
					fail("No " + command + " from the broker");
				}
				assertCommand(StompHeaderAccessor.wrap(frame), command);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
		}

		private void send(String frame) throws IOException {
			this.socket.getOutputStream().write(frame.getBytes(StandardCharsets.UTF_8));
			this.socket.getOutputStream().flush();
		}

		private void read() {
			StompDecoder decoder = new StompDecoder();
			ByteBuffer pending = ByteBuffer.allocate(0);
			byte[] chunk = new byte[8192];
			try (InputStream in = this.socket.getInputStream()) {
				int read;
				while ((read = in.read(chunk)) >= 0) {
					ByteBuffer buffer = ByteBuffer.allocate(pending.remaining() + read);
					buffer.put(pending).put(chunk, 0, read).flip();
					this.frames.addAll(decoder.decode(buffer));
					pending = buffer.slice();
				}
			}
			catch (IOException ex) {
				// Closed.
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
