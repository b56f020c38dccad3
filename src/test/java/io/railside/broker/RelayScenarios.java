package io.railside.broker;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.railside.broker.BrokerControl.Queue;
import io.railside.history.Position;
import io.railside.history.Resume;
import io.railside.stomp.RawStompSocket;
import io.railside.stomp.StompTestSession;
import io.railside.stomp.StompTestSession.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Railside instances relaying to one RabbitMQ, written once and run against whichever
 * broker a subclass names: topics and user queues across instances, the web app
 * publishing to RabbitMQ directly, the header allowlist and destination rules in front of
 * RabbitMQ, resumes answered {@code not_supported}, and RabbitMQ going away and coming
 * back (last, as it disturbs the others).
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
abstract class RelayScenarios {

	private static final Duration RECOVERY = Duration.ofSeconds(60);

	private static final JsonMapper json = JsonMapper.shared();

	/** Keeps this run's topics and users apart from other runs on the same broker. */
	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final AtomicInteger users = new AtomicInteger();

	private final List<StompTestSession> sessions = new ArrayList<>();

	private final List<RawStompSocket> sockets = new ArrayList<>();

	private RelayInstance a;

	private RelayInstance b;

	/**
	 * The broker the instances relay to, running when the class starts.
	 * @return the broker
	 */
	abstract BrokerControl broker();

	@BeforeAll
	void startTwoInstances() {
		this.a = RelayInstance.start(broker());
		this.b = RelayInstance.start(broker());
		awaitReadiness(200, "UP");
	}

	@AfterAll
	void stopInstances() {
		if (this.a != null) {
			this.a.close();
		}
		if (this.b != null) {
			this.b.close();
		}
	}

	@AfterEach
	void disconnect() {
		this.sessions.forEach(StompTestSession::disconnect);
		this.sockets.forEach(RawStompSocket::abort);
		this.sessions.clear();
		this.sockets.clear();
	}

	@Test
	@Order(1)
	void aTopicMessageSentThroughOneInstanceReachesSubscribersOfBoth() {
		String topic = topic("chat");
		StompTestSession onA = subscribed(this.a, user("alice"), topic);
		StompTestSession onB = subscribed(this.b, user("bob"), topic);
		onB.sendWithReceipt(topic, "hello from b");
		assertThat(onA.awaitFrame().body()).isEqualTo("hello from b");
		assertThat(onB.awaitFrame().body()).isEqualTo("hello from b");
	}

	@Test
	@Order(2)
	void theBackendPublishesThroughOneInstanceToSubscribersOfTheOther() throws Exception {
		String topic = topic("orders");
		StompTestSession onA = subscribed(this.a, user("reader"), topic);
		HttpResponse<String> response = this.b.publish("""
				{"destination": "%s", "body": "order shipped", "headers": {"event": "order.shipped"}}"""
			.formatted(topic));
		assertThat(response.statusCode()).isEqualTo(202);
		Frame frame = onA.awaitFrame();
		assertThat(frame.body()).isEqualTo("order shipped");
		assertThat(frame.header("content-type")).isEqualTo("text/plain;charset=UTF-8");
		assertThat(frame.header("event")).isEqualTo("order.shipped");
		assertThat(frame.header("railside-message-id"))
			.isEqualTo(json.readTree(response.body()).get("id").stringValue());
	}

	@Test
	@Order(3)
	void aUserReceivesOnOneInstanceWhatTheBackendPublishesThroughTheOther() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		StompTestSession aliceOnA = subscribed(this.a, alice, "/user/queue/notices");
		StompTestSession bobOnA = subscribed(this.a, bob, "/user/queue/notices");
		// Registries are broadcast every 10 s, so b most likely does not know alice
		// yet: it hands the message on as unresolved, and a resolves it.
		assertThat(publishToUser(this.b, alice, "first").statusCode()).isEqualTo(202);
		assertThat(aliceOnA.awaitFrame().body()).isEqualTo("first");
		// Once a's registry has reached b, b resolves alice's session itself.
		await("b knows alice's session on a").atMost(Duration.ofSeconds(30)).until(() -> this.b.sessionsOf(alice) == 1);
		assertThat(publishToUser(this.b, alice, "second").statusCode()).isEqualTo(202);
		Frame second = aliceOnA.awaitFrame();
		assertThat(second.body()).isEqualTo("second");
		assertThat(second.headers().getDestination()).isEqualTo("/user/queue/notices");
		bobOnA.assertNoFrame(Duration.ofMillis(500));
	}

	@Test
	@Order(4)
	void aUserWithSessionsOnBothInstancesReceivesEachMessageOnEach() throws Exception {
		String alice = user("alice");
		StompTestSession aliceOnA = subscribed(this.a, alice, "/user/queue/notices");
		StompTestSession aliceOnB = subscribed(this.b, alice, "/user/queue/notices");
		await("both instances know both of alice's sessions").atMost(Duration.ofSeconds(30))
			.until(() -> this.a.sessionsOf(alice) == 2 && this.b.sessionsOf(alice) == 2);
		assertThat(publishToUser(this.a, alice, "to every device").statusCode()).isEqualTo(202);
		for (StompTestSession session : List.of(aliceOnA, aliceOnB)) {
			assertThat(session.awaitFrame().body()).isEqualTo("to every device");
			session.assertNoFrame(Duration.ofMillis(300));
		}
	}

	@Test
	@Order(5)
	void theRelayPassesOnOnlyTheHeadersRailsideAllowsSoNoClientCreatesADurableQueue() throws Exception {
		Set<String> durableBefore = durableQueues();
		String topic = topic("headers");
		String queueName = "railside-tests-" + this.run;
		RawStompSocket subscriber = connected(this.a, user("mallory"));
		subscribeWithBrokerHeaders(subscriber, topic, queueName);
		subscribeWithBrokerHeaders(subscriber, "/user/queue/notices", queueName + "-user");
		RawStompSocket sender = connected(this.b, user("mallory"));
		for (String body : List.of("first", "second")) {
			sender.send("SEND\ndestination:" + topic + "\ncontent-type:text/plain\nreceipt:sent-" + body
					+ "\nreply-to:/temp-queue/replies\npersistent:true\nexpiration:60000\npriority:9\n"
					+ "x-message-ttl:1\nx-custom:1\n\n" + body + "\0");
			assertReceipt(sender, "sent-" + body);
		}
		// Without its ack and prefetch-count headers, the subscription acknowledges by
		// itself: the second message arrives though the first was never acknowledged.
		for (String body : List.of("first", "second")) {
			StompHeaderAccessor message = subscriber.awaitFrame();
			assertThat(String.valueOf(message.getCommand())).isEqualTo("MESSAGE");
			assertThat(RawStompSocket.body(message)).isEqualTo(body);
			assertThat(message.toNativeHeaderMap()).doesNotContainKeys("reply-to", "persistent", "expiration",
					"priority", "x-message-ttl", "x-custom", "ack");
		}
		List<Queue> queues = broker().listQueues();
		assertThat(queues).extracting(Queue::name).noneMatch((name) -> name.startsWith(queueName));
		assertThat(durableQueues(queues)).isEqualTo(durableBefore);
		assertThat(queues).extracting(Queue::arguments)
			.noneMatch((arguments) -> arguments.contains("x-max-length") || arguments.contains("x-message-ttl"));
	}

	@ParameterizedTest
	@Order(6)
	@CsvSource({ "/topic/relay.*, bad_destination", "/topic/relay.#, bad_destination",
			"/topic/relay.**, bad_destination", "/exchange/amq.topic/relay.x, bad_destination",
			"/exchange/amq.direct/notices-user1, bad_destination", "/amq/queue/relay, bad_destination",
			"/temp-queue/relay, bad_destination", "/reply-queue/relay, bad_destination", "/queue/relay, forbidden",
			"/topic/railside-internal.user-registry, forbidden",
			"/topic/railside-internal.unresolved-user, forbidden" })
	void rabbitMqDestinationsAndWildcardsStayRefused(String destination, String code) {
		for (String command : List.of("SUBSCRIBE\nid:sub-1", "SEND")) {
			RawStompSocket socket = connected(this.a, user("mallory"));
			socket.send(command + "\ndestination:" + destination + "\n\n\0");
			StompHeaderAccessor error = socket.awaitFrame();
			assertThat(String.valueOf(error.getCommand())).isEqualTo("ERROR");
			assertThat(error.getMessage()).isEqualTo(code);
			assertThat(socket.awaitClose()).isEqualTo(1002);
		}
	}

	@Test
	@Order(7)
	void aMessageTheWebAppPublishesToRabbitMqReachesSubscribersOfBothInstances() throws Exception {
		String topic = topic("amqp");
		StompTestSession onA = subscribed(this.a, user("alice"), topic);
		StompTestSession onB = subscribed(this.b, user("bob"), topic);
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("text/plain")
			.headers(Map.of("event", "order.shipped"))
			.build();
		try (Connection connection = amqpConnection(); Channel channel = connection.createChannel()) {
			channel.basicPublish("amq.topic", topic.substring("/topic/".length()), properties,
					"from the web app".getBytes(StandardCharsets.UTF_8));
		}
		for (StompTestSession session : List.of(onA, onB)) {
			Frame frame = session.awaitFrame();
			assertThat(frame.body()).isEqualTo("from the web app");
			assertThat(frame.header("event")).isEqualTo("order.shipped");
		}
	}

	@Test
	@Order(8)
	void aResumeThroughTheRelayIsAnsweredNotSupportedAndStillSubscribes() throws Exception {
		String topic = topic("resume");
		String alice = user("alice");
		RawStompSocket onA = connected(this.a, alice);
		assertResumeNotSupported(onA, "0", topic);
		assertResumeNotSupported(onA, "1", "/user/queue/notices");
		assertThat(this.b.publish("""
				{"destination": "%s", "body": "live"}""".formatted(topic)).statusCode()).isEqualTo(202);
		assertThat(publishToUser(this.b, alice, "for alice").statusCode()).isEqualTo(202);
		List<String> bodies = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			StompHeaderAccessor message = onA.awaitFrame();
			assertThat(String.valueOf(message.getCommand())).isEqualTo("MESSAGE");
			assertThat(message.toNativeHeaderMap()).doesNotContainKeys(Position.EPOCH_HEADER, Position.OFFSET_HEADER);
			bodies.add(RawStompSocket.body(message));
		}
		assertThat(bodies).containsExactlyInAnyOrder("live", "for alice");
	}

	@Test
	@Order(100)
	void whenTheBrokerStopsClientsAreRefusedAndWhenItReturnsTheyReceiveAgain() throws Exception {
		String topic = topic("outage");
		StompTestSession onA = subscribed(this.a, user("alice"), topic);
		StompTestSession onB = subscribed(this.b, user("bob"), topic);
		broker().stop();
		try {
			for (StompTestSession session : List.of(onA, onB)) {
				Frame error = session.awaitFrame(RECOVERY);
				assertThat(error.command()).isEqualTo("ERROR");
				assertThat(error.header("message")).isEqualTo("broker.unavailable");
				assertThat(session.closed()).succeedsWithin(Duration.ofSeconds(10));
			}
			awaitReadiness(503, "DOWN");
			assertConnectRefused(this.a);
			assertConnectRefused(this.b);
			HttpResponse<String> refused = this.a.publish("""
					{"destination": "%s", "body": "lost?"}""".formatted(topic));
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertThat(json.readTree(refused.body()).get("code").stringValue()).isEqualTo("publish.unavailable");
		}
		finally {
			broker().start();
		}
		awaitReadiness(200, "UP");
		StompTestSession againOnA = subscribed(this.a, user("alice"), topic);
		StompTestSession againOnB = subscribed(this.b, user("bob"), topic);
		assertThat(this.b.publish("""
				{"destination": "%s", "body": "back"}""".formatted(topic)).statusCode()).isEqualTo(202);
		assertThat(againOnA.awaitFrame().body()).isEqualTo("back");
		assertThat(againOnB.awaitFrame().body()).isEqualTo("back");
	}

	private String topic(String name) {
		return "/topic/relay." + name + "." + this.run;
	}

	private String user(String name) {
		return name + "-" + this.run + "-" + this.users.incrementAndGet();
	}

	private StompTestSession subscribed(RelayInstance instance, String user, String destination) {
		StompTestSession session = instance.connect(user);
		this.sessions.add(session);
		session.subscribe(destination);
		return session;
	}

	private RawStompSocket connected(RelayInstance instance, String user) {
		RawStompSocket socket = instance.connectRaw(user);
		this.sockets.add(socket);
		StompHeaderAccessor connected = socket.awaitFrame();
		assertThat(String.valueOf(connected.getCommand())).as("%s", connected.toNativeHeaderMap())
			.isEqualTo("CONNECTED");
		return socket;
	}

	private static void subscribeWithBrokerHeaders(RawStompSocket socket, String destination, String queueName) {
		String receipt = "subscribed-" + destination;
		socket.send("SUBSCRIBE\nid:" + destination + "\ndestination:" + destination + "\nreceipt:" + receipt
				+ "\ndurable:true\nauto-delete:false\nexclusive:false\npersistent:true\nx-queue-name:" + queueName
				+ "\nx-max-length:1\nx-message-ttl:1\nprefetch-count:1\nack:client-individual\n\n\0");
		assertReceipt(socket, receipt);
	}

	private static void assertReceipt(RawStompSocket socket, String receipt) {
		StompHeaderAccessor frame = socket.awaitFrame();
		assertThat(String.valueOf(frame.getCommand())).as("%s", frame.toNativeHeaderMap()).isEqualTo("RECEIPT");
		assertThat(frame.getReceiptId()).isEqualTo(receipt);
	}

	/**
	 * Ask to resume and expect RabbitMQ's RECEIPT, under the client's receipt id, saying
	 * that nothing was recovered because the relay keeps no history.
	 */
	private static void assertResumeNotSupported(RawStompSocket socket, String id, String destination) {
		socket.send("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\nreceipt:resume-" + id + "\n"
				+ Position.EPOCH_HEADER + ":0123456789abcdef\n" + Position.OFFSET_HEADER + ":42\n\n\0");
		StompHeaderAccessor receipt = socket.awaitFrame();
		assertThat(String.valueOf(receipt.getCommand())).as("%s", receipt.toNativeHeaderMap()).isEqualTo("RECEIPT");
		assertThat(receipt.getReceiptId()).isEqualTo("resume-" + id);
		assertThat(receipt.getFirstNativeHeader(Resume.RECOVERED_HEADER)).isEqualTo("false");
		assertThat(receipt.getFirstNativeHeader(Resume.REASON_HEADER)).isEqualTo("not_supported");
	}

	private void assertConnectRefused(RelayInstance instance) {
		RawStompSocket socket = instance.connectRaw(user("late"));
		this.sockets.add(socket);
		StompHeaderAccessor error = socket.awaitFrame();
		assertThat(String.valueOf(error.getCommand())).isEqualTo("ERROR");
		assertThat(error.getMessage()).isEqualTo("broker.unavailable");
		assertThat(socket.awaitClose()).isEqualTo(1002);
	}

	private static HttpResponse<String> publishToUser(RelayInstance instance, String user, String body)
			throws Exception {
		return instance.publish("""
				{"destination": "/user/%s/queue/notices", "body": "%s"}""".formatted(user, body));
	}

	private void awaitReadiness(int status, String health) {
		await("readiness " + health).atMost(RECOVERY).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			for (RelayInstance instance : List.of(this.a, this.b)) {
				HttpResponse<String> readiness = instance.readiness();
				assertThat(readiness.statusCode()).isEqualTo(status);
				assertThat(json.readTree(readiness.body()).get("status").stringValue()).isEqualTo(health);
			}
		});
	}

	private Connection amqpConnection() throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(broker().host());
		factory.setPort(broker().amqpPort());
		factory.setUsername("guest");
		factory.setPassword("guest");
		factory.setConnectionTimeout(10_000);
		return factory.newConnection("railside-relay-tests");
	}

	private Set<String> durableQueues() {
		return durableQueues(broker().listQueues());
	}

	private static Set<String> durableQueues(List<Queue> queues) {
		return queues.stream().filter(Queue::durable).map(Queue::name).collect(Collectors.toSet());
	}

}
