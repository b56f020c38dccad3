package io.railside.fanout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.TextMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the fan-out broker sends each subscriber one encoded copy through the
 * session's outbound channel, goes on past a subscriber whose copy fails, keeps a busy
 * session from heart-beats, and forgets a session when it disconnects.
 */
class FanoutBrokerTests {

	private final ExecutorSubscribableChannel inbound = new ExecutorSubscribableChannel();

	private final ExecutorSubscribableChannel outbound = new ExecutorSubscribableChannel();

	private final List<Message<?>> sent = new CopyOnWriteArrayList<>();

	private FanoutBroker broker;

	@BeforeEach
	void startBroker() {
		this.outbound.subscribe(this.sent::add);
		startBroker(true);
	}

	private void startBroker(boolean preservePublishOrder) {
		SimpleBrokerMessageHandler stock = new SimpleBrokerMessageHandler(this.inbound, this.outbound,
				new ExecutorSubscribableChannel(), List.of("/topic"));
		stock.setPreservePublishOrder(preservePublishOrder);
		this.broker = new FanoutBroker(stock, HistoryFixtures.history(false), HistoryFixtures.noPacing(), null);
		this.broker.start();
	}

	@Test
	void sendsEachSubscriptionOneEncodedFrame() {
		connect("a");
		connect("b");
		subscribe("a", "0", "/topic/news");
		subscribe("a", "1", "/topic/news");
		subscribe("b", "0", "/topic/news");
		subscribe("b", "1", "/topic/other");
		this.sent.clear();
		this.broker.handleMessage(send("/topic/news", "hello"));
		assertThat(this.sent).hasSize(3).allSatisfy((message) -> {
			TextMessage frame = MessageFrame.encoded(message);
			assertThat(frame).isNotNull();
			assertThat(frame.getPayload()).startsWith("MESSAGE\nsubscription:")
				.contains("destination:/topic/news\n")
				.endsWith("\n\nhello\0");
		});
		assertThat(this.sent)
			.extracting((message) -> SimpMessageHeaderAccessor.getSessionId(message.getHeaders()) + "/"
					+ SimpMessageHeaderAccessor.getSubscriptionId(message.getHeaders()))
			.containsExactlyInAnyOrder("a/0", "a/1", "b/0");
	}

	@ParameterizedTest(name = "publish order preserved: {0}")
	@ValueSource(booleans = { true, false })
	void goesOnToTheOtherSubscribersWhenOneCopyFails(boolean preservePublishOrder) {
		this.broker.stop();
		startBroker(preservePublishOrder);
		this.outbound.subscribe((message) -> {
			if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.MESSAGE
					&& "b".equals(SimpMessageHeaderAccessor.getSessionId(message.getHeaders()))) {
				throw new IllegalStateException("session b is gone");
			}
		});
		for (String session : List.of("a", "b", "c")) {
			connect(session);
			subscribe(session, "0", "/topic/news");
		}
		this.sent.clear();
		this.broker.handleMessage(send("/topic/news", "hello"));
		this.broker.handleMessage(send("/topic/news", "again"));
		// The failing handler comes after the one that notes each copy.
		assertThat(this.sent).extracting((message) -> SimpMessageHeaderAccessor.getSessionId(message.getHeaders()))
			.containsExactlyInAnyOrder("a", "b", "c", "a", "b", "c");
	}

	@Test
	void dropsTheHeartBeatOfASessionThatReceivedABroadcastSinceTheLastWasDue() {
		connect("a");
		subscribe("a", "0", "/topic/news");
		MessageChannel channel = this.broker.getClientOutboundChannelForSession("a");
		this.broker.handleMessage(send("/topic/news", "hello"));
		this.sent.clear();
		channel.send(heartbeat("a"));
		assertThat(this.sent).as("dropped: the broadcast was the sign of life").isEmpty();
		channel.send(heartbeat("a"));
		assertThat(this.sent).as("sent: nothing since the last was due")
			.extracting((message) -> SimpMessageHeaderAccessor.getMessageType(message.getHeaders()))
			.containsExactly(SimpMessageType.HEARTBEAT);
	}

	@Test
	void stopsWritingToASessionThatDisconnected() {
		connect("a");
		subscribe("a", "0", "/topic/news");
		this.broker.handleMessage(message(SimpMessageType.DISCONNECT, "a"));
		this.sent.clear();
		this.broker.handleMessage(send("/topic/news", "hello"));
		assertThat(this.sent).isEmpty();
	}

	private void connect(String session) {
		this.broker.handleMessage(message(SimpMessageType.CONNECT, session));
	}

	private void subscribe(String session, String id, String destination) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.SUBSCRIBE);
		headers.setSessionId(session);
		headers.setSubscriptionId(id);
		headers.setDestination(destination);
		this.broker.handleMessage(MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders()));
	}

	private static Message<byte[]> send(String destination, String body) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId("publisher");
		headers.setDestination(destination);
		return MessageBuilder.createMessage(body.getBytes(StandardCharsets.UTF_8), headers.getMessageHeaders());
	}

	private static Message<byte[]> heartbeat(String session) {
		// As Spring's heart-beat task builds it: the ordered channel adds a header.
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.HEARTBEAT);
		headers.setSessionId(session);
		headers.setLeaveMutable(true);
		return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
	}

	private static Message<byte[]> message(SimpMessageType type, String session) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(type);
		headers.setSessionId(session);
		return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
	}

}
