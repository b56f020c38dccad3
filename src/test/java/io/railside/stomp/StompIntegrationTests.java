package io.railside.stomp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.railside.TestTls;
import io.railside.stomp.StompTestSession.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.context.event.EventListener;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * STOMP end to end with Spring's real clients, over ws://, wss:// and SockJS.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "railside.http.port=0")
@Timeout(60)
class StompIntegrationTests {

	/**
	 * A body many times the container's 1 KiB buffers, under the 64 KiB frame limit with
	 * its headers and SockJS's JSON quoting.
	 */
	private static final String LARGE_BODY = "0123456789abcdef".repeat(3900);

	@Value("${local.http.port}")
	private int httpPort;

	@LocalServerPort
	private int httpsPort;

	@Autowired
	private SslBundles sslBundles;

	@Autowired
	private SimpMessagingTemplate messagingTemplate;

	@Autowired
	private Subscriptions subscriptions;

	@Autowired
	@Qualifier("clientInboundChannel")
	private AbstractSubscribableChannel clientInboundChannel;

	private final List<StompTestSession> sessions = new ArrayList<>();

	@AfterEach
	void disconnect() {
		this.sessions.forEach(StompTestSession::disconnect);
	}

	@Test
	void theInboundChannelHandsEachFrameToItsHandlersInOneTaskAfterTheFrameRules() {
		assertThat(this.clientInboundChannel).isInstanceOf(OneTaskChannel.class);
		assertThat(this.clientInboundChannel.getSubscribers()).hasSize(3);
		assertThat(this.clientInboundChannel.getInterceptors()).hasAtLeastOneElementOfType(FrameGuard.class)
			.anyMatch((interceptor) -> interceptor.getClass().getSimpleName().equals("ReceiptSender"));
		assertThat(OrderedMessageChannelDecorator.supportsOrderedMessages(this.clientInboundChannel)).isTrue();
		assertThat(((OneTaskChannel) this.clientInboundChannel).getExecutor())
			.isInstanceOf(ThreadPoolTaskExecutor.class);
	}

	@Test
	void subscribesSendsAndReceivesOverWs() {
		roundTrip(connect("ws://localhost:" + this.httpPort + "/stomp"), "/topic/orders.42");
	}

	@Test
	void subscribesSendsAndReceivesOverWss() {
		StandardWebSocketClient client = StompTestSession.webSocketClient(TestTls.trustingServer(this.sslBundles));
		roundTrip(track(StompTestSession.connect(client, "wss://localhost:" + this.httpsPort + "/stomp")),
				"/topic/secure.orders");
	}

	@Test
	void subscribesSendsAndReceivesOverSockJsWebSocket() {
		SockJsClient client = new SockJsClient(List.of(new WebSocketTransport(new StandardWebSocketClient())));
		roundTrip(track(StompTestSession.connect(client, "http://localhost:" + this.httpPort + "/sockjs")),
				"/topic/sockjs.ws");
	}

	@Test
	void subscribesSendsAndReceivesOverSockJsXhrFallback() {
		SockJsClient client = new SockJsClient(List.of(new RestTemplateXhrTransport()));
		roundTrip(track(StompTestSession.connect(client, "http://localhost:" + this.httpPort + "/sockjs")),
				"/topic/sockjs.xhr");
	}

	@Test
	void carriesAFrameNearTheLimitBothWaysOverWs() {
		roundTrip(connect("ws://localhost:" + this.httpPort + "/stomp"), "/topic/large.ws", LARGE_BODY);
	}

	@Test
	void carriesAFrameNearTheLimitBothWaysOverSockJsWebSocket() {
		SockJsClient client = new SockJsClient(List.of(new WebSocketTransport(StompTestSession.webSocketClient(null))));
		roundTrip(track(StompTestSession.connect(client, "http://localhost:" + this.httpPort + "/sockjs")),
				"/topic/large.sockjs", LARGE_BODY);
	}

	@Test
	void answersReceiptsForSubscribeSendAndUnsubscribe() {
		StompTestSession session = connect("ws://localhost:" + this.httpPort + "/stomp");
		var subscription = session.subscribe("/topic/receipts");
		session.sendWithReceipt("/topic/receipts", "first");
		assertThat(session.awaitFrame().body()).isEqualTo("first");
		CompletableFuture<Void> unsubscribed = new CompletableFuture<>();
		StompHeaders headers = new StompHeaders();
		headers.setReceipt("unsubscribe-1");
		subscription.unsubscribe(headers);
		subscription.addReceiptTask(() -> unsubscribed.complete(null));
		assertThat(unsubscribed).succeedsWithin(StompTestSession.TIMEOUT);
	}

	@Test
	void receiptFollowsTheSubscriptionSoNoMessageIsMissed() {
		StompTestSession subscriber = connect("ws://localhost:" + this.httpPort + "/stomp");
		StompTestSession publisher = connect("ws://localhost:" + this.httpPort + "/stomp");
		for (int i = 0; i < 20; i++) {
			subscriber.subscribe("/topic/race." + i);
			publisher.send("/topic/race." + i, "m" + i);
			assertThat(subscriber.awaitFrame().body()).isEqualTo("m" + i);
		}
	}

	@Test
	void deliversToManySubscribersInOrderWithoutLossOrDuplicates() {
		List<StompTestSession> subscribers = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			StompTestSession subscriber = connect("ws://localhost:" + this.httpPort + "/stomp");
			subscriber.subscribe("/topic/fanout");
			subscribers.add(subscriber);
		}
		StompTestSession publisher = connect("ws://localhost:" + this.httpPort + "/stomp");
		int count = 200;
		for (int i = 0; i < count; i++) {
			publisher.send("/topic/fanout", Integer.toString(i));
		}
		for (StompTestSession subscriber : subscribers) {
			for (int i = 0; i < count; i++) {
				assertThat(subscriber.awaitFrame().body()).isEqualTo(Integer.toString(i));
			}
		}
		assertThat(subscribers).allSatisfy((subscriber) -> subscriber.assertNoFrame(Duration.ofMillis(200)));
	}

	@Test
	void neverEvaluatesASelectorHeader() {
		StompTestSession session = connect("ws://localhost:" + this.httpPort + "/stomp");
		StompHeaders headers = new StompHeaders();
		headers.set("selector", "T(java.lang.System).exit(1) == 0 and headers.kind == 'none'");
		session.subscribe("/topic/selector", headers);
		session.send("/topic/selector", "still delivered");
		assertThat(session.awaitFrame().body()).isEqualTo("still delivered");
	}

	@Test
	void deliversToTheSessionsOwnUserQueueOnly() {
		StompTestSession alice = connect("ws://localhost:" + this.httpPort + "/stomp");
		StompTestSession bob = connect("ws://localhost:" + this.httpPort + "/stomp");
		alice.subscribe("/user/queue/notices", named("alice"));
		bob.subscribe("/user/queue/notices", named("bob"));
		String aliceSession = this.subscriptions.sessionOf("alice");
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId(aliceSession);
		headers.setLeaveMutable(true);
		this.messagingTemplate.convertAndSendToUser(aliceSession, "/queue/notices", "for alice only",
				headers.getMessageHeaders());
		Frame notice = alice.awaitFrame();
		assertThat(notice.body()).isEqualTo("for alice only");
		assertThat(notice.headers().getDestination()).isEqualTo("/user/queue/notices");
		assertThat(bob).satisfies((session) -> session.assertNoFrame(Duration.ofMillis(300)));
	}

	private static StompHeaders named(String name) {
		StompHeaders headers = new StompHeaders();
		headers.setId(name);
		return headers;
	}

	private void roundTrip(StompTestSession session, String destination) {
		roundTrip(session, destination, "hello " + destination);
	}

	private void roundTrip(StompTestSession session, String destination, String body) {
		session.subscribe(destination);
		session.send(destination, body);
		Frame frame = session.awaitFrame();
		assertThat(frame.command()).isEqualTo("MESSAGE");
		assertThat(frame.headers().getDestination()).isEqualTo(destination);
		assertThat(frame.body()).isEqualTo(body);
	}

	private StompTestSession connect(String url) {
		return track(StompTestSession.connect(url));
	}

	private StompTestSession track(StompTestSession session) {
		this.sessions.add(session);
		return session;
	}

	/**
	 * Learns the server-side session id behind each test subscription, by its id.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Subscriptions {

		private final Map<String, String> sessions = new ConcurrentHashMap<>();

		@EventListener
		void onSubscribe(SessionSubscribeEvent event) {
			StompHeaderAccessor frame = StompHeaderAccessor.wrap(event.getMessage());
			String name = frame.getSubscriptionId();
			if (name != null) {
				this.sessions.put(name, frame.getSessionId());
			}
		}

		/**
		 * The session of a subscription. Spring publishes the event after it hands the
		 * SUBSCRIBE to the inbound channel, so it may come after the RECEIPT.
		 */
		String sessionOf(String name) {
			await("the subscribe event of " + name).atMost(Duration.ofSeconds(5))
				.until(() -> this.sessions.containsKey(name));
			return this.sessions.get(name);
		}

	}

}
