package io.railside.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.railside.history.History;
import io.railside.history.HistoryProperties;
import io.railside.history.Position;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.TextMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resuming subscription whose client stops reading is cut off once the live messages
 * held back for it pass the bound, and from then on gets nothing: a live message
 * delivered after the gap would move the client's position past the messages it never
 * got, and its next resume would skip them. Other subscribers of the topic carry on.
 */
class ReplayCutOffTests {

	private static final int HELD = 5;

	private final ExecutorSubscribableChannel outbound = new ExecutorSubscribableChannel();

	private final List<Message<?>> sent = new CopyOnWriteArrayList<>();

	private final List<String> cutOff = new CopyOnWriteArrayList<>();

	private final History<Broadcast> history = new History<>(new HistoryProperties(true, 100, Duration.ofMinutes(5),
			Duration.ofHours(1), DataSize.ofMegabytes(64), 100_000, HELD, DataSize.ofMegabytes(4)), true,
			System::currentTimeMillis);

	private FanoutBroker broker;

	@BeforeEach
	void startBroker() {
		this.outbound.subscribe(this.sent::add);
		SimpleBrokerMessageHandler stock = new SimpleBrokerMessageHandler(new ExecutorSubscribableChannel(),
				this.outbound, new ExecutorSubscribableChannel(), List.of("/topic"));
		stock.setPreservePublishOrder(true);
		this.broker = new FanoutBroker(stock, this.history, new StalledPacing(), null);
		this.broker.start();
	}

	@Test
	void deliversNothingMoreToASubscriptionCutOffWhileItResumes() {
		List.of("m1", "m2", "m3").forEach(this::publish);
		connect("watcher");
		subscribe("watcher", null);
		connect("stalled");
		subscribe("stalled", new Position(this.history.epoch(), 0));
		assertThat(received("stalled")).as("the RECEIPT and the first page").containsExactly("RECEIPT", "m1");
		Runnable nextPage = ReplayPacing.afterWrite(this.sent.get(this.sent.size() - 1));
		// Two missed messages wait; the bound is theirs and HELD live ones.
		for (int i = 1; i <= 10; i++) {
			publish("live-" + i);
		}
		assertThat(this.cutOff).containsExactly("stalled");
		assertThat(nextPage).isNotNull();
		nextPage.run();
		assertThat(received("stalled")).as("nothing after the cut-off").containsExactly("RECEIPT", "m1");
		assertThat(received("watcher")).hasSize(10).startsWith("live-1").endsWith("live-10");
	}

	private List<String> received(String session) {
		return this.sent.stream()
			.filter((message) -> session.equals(SimpMessageHeaderAccessor.getSessionId(message.getHeaders())))
			.filter((message) -> SimpMessageHeaderAccessor
				.getMessageType(message.getHeaders()) != SimpMessageType.CONNECT_ACK)
			.map(ReplayCutOffTests::describe)
			.toList();
	}

	private static String describe(Message<?> message) {
		TextMessage frame = MessageFrame.encoded(message);
		if (frame == null) {
			return String.valueOf(StompHeaderAccessor.wrap(message).getCommand());
		}
		String payload = frame.getPayload();
		return payload.substring(payload.indexOf("\n\n") + 2, payload.length() - 1);
	}

	private void connect(String session) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.CONNECT);
		headers.setSessionId(session);
		this.broker.handleMessage(MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders()));
	}

	private void subscribe(String session, @Nullable Position after) {
		StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.SUBSCRIBE);
		headers.setSessionId(session);
		headers.setSubscriptionId("0");
		headers.setDestination("/topic/stalled");
		if (after != null) {
			headers.setReceipt("resumed");
			headers.setNativeHeader(Position.EPOCH_HEADER, after.epoch());
			headers.setNativeHeader(Position.OFFSET_HEADER, Long.toString(after.offset()));
		}
		this.broker.handleMessage(MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders()));
	}

	private void publish(String body) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId("publisher");
		headers.setDestination("/topic/stalled");
		this.broker.handleMessage(
				MessageBuilder.createMessage(body.getBytes(StandardCharsets.UTF_8), headers.getMessageHeaders()));
	}

	/**
	 * A session that takes one message a page and never says its page was written, as a
	 * client that stopped reading; it notes whom the replay cuts off.
	 */
	private final class StalledPacing implements ReplayPacing {

		@Override
		public int pageBytes() {
			return 1;
		}

		@Override
		public void cutOff(String sessionId) {
			ReplayCutOffTests.this.cutOff.add(sessionId);
		}

	}

}
