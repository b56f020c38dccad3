package io.railside.fanout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.TextMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the fan-out broker sends each subscriber one encoded copy through the
 * session's outbound channel, and forgets a session when it disconnects.
 */
class FanoutBrokerTests {

	private final ExecutorSubscribableChannel inbound = new ExecutorSubscribableChannel();

	private final ExecutorSubscribableChannel outbound = new ExecutorSubscribableChannel();

	private final List<Message<?>> sent = new CopyOnWriteArrayList<>();

	private FanoutBroker broker;

	@BeforeEach
	void startBroker() {
		this.outbound.subscribe(this.sent::add);
		SimpleBrokerMessageHandler stock = new SimpleBrokerMessageHandler(this.inbound, this.outbound,
				new ExecutorSubscribableChannel(), List.of("/topic"));
		stock.setPreservePublishOrder(true);
		this.broker = new FanoutBroker(stock);
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

	private static Message<byte[]> message(SimpMessageType type, String session) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(type);
		headers.setSessionId(session);
		return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
	}

}
