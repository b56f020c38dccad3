package io.railside.fanout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.railside.history.History;
import io.railside.history.HistoryProperties;
import io.railside.history.Position;
import io.railside.history.PositionReceipt;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.TextMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checks the hand-over from replay to live messages in the fan-out broker: under
 * concurrent publishes a resuming subscription gets every message after its position
 * exactly once and in order, pages wait for the writer, live messages held back past the
 * bound cut the session off, and a subscription that ends stops its replay.
 */
@Timeout(30)
class FanoutResumeTests {

	private static final String TOPIC = "/topic/resume";

	private final ExecutorSubscribableChannel outbound = new ExecutorSubscribableChannel();

	/** Plays the session writer: runs a page's "next" after its last message. */
	private final ExecutorService writer = Executors.newSingleThreadExecutor();

	private final Map<String, List<Long>> offsets = new ConcurrentHashMap<>();

	private final List<String> receipts = new CopyOnWriteArrayList<>();

	private final List<String> cutOff = new CopyOnWriteArrayList<>();

	private FanoutBroker broker;

	private History<Broadcast> history;

	private final MessageHandler writing = this::written;

	@BeforeEach
	void startBroker() {
		this.outbound.subscribe(this.writing);
		startBroker(1000);
	}

	private void startBroker(int replayMessages) {
		HistoryProperties properties = new HistoryProperties(true, 100_000, Duration.ofMinutes(5), Duration.ofHours(1),
				DataSize.ofMegabytes(64), 100_000, replayMessages, DataSize.ofMegabytes(64));
		this.history = new History<>(properties, true, System::currentTimeMillis);
		SimpleBrokerMessageHandler stock = new SimpleBrokerMessageHandler(new ExecutorSubscribableChannel(),
				this.outbound, new ExecutorSubscribableChannel(), List.of("/topic"));
		stock.setPreservePublishOrder(true);
		this.broker = new FanoutBroker(stock, this.history, new ReplayPacing() {

			@Override
			public int pageBytes() {
				return 2 * 1024;
			}

			@Override
			public void cutOff(String sessionId) {
				FanoutResumeTests.this.cutOff.add(sessionId);
			}

		}, null);
		this.broker.start();
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.writer.shutdownNow();
		this.writer.awaitTermination(5, TimeUnit.SECONDS);
		this.broker.stop();
	}

	private void written(Message<?> message) {
		String session = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
		TextMessage text = MessageFrame.encoded(message);
		StompHeaderAccessor frame = (text != null) ? decode(text) : StompHeaderAccessor.wrap(message);
		if (frame.getCommand() != null && frame.getCommand().name().equals("RECEIPT")) {
			this.receipts.add(session + ":" + frame.getFirstNativeHeader("railside-recovered"));
		}
		String offset = frame.getFirstNativeHeader(Position.OFFSET_HEADER);
		if (offset != null && frame.getCommand() != null && frame.getCommand().name().equals("MESSAGE")) {
			this.offsets.computeIfAbsent(session, (key) -> new CopyOnWriteArrayList<>()).add(Long.parseLong(offset));
		}
		Runnable next = ReplayPacing.afterWrite(message);
		if (next != null) {
			this.writer.execute(next);
		}
	}

	@RepeatedTest(20)
	void handsOverFromReplayToLiveWithNoGapAndNoDuplicateUnderConcurrentPublishes() throws Exception {
		connect("witness");
		subscribe("witness", "0", TOPIC, null);
		for (int i = 0; i < 300; i++) {
			publish("m" + i);
		}
		long after = this.offsets.get("witness").get(120);
		ExecutorService publisher = Executors.newSingleThreadExecutor();
		try {
			Future<?> publishing = publisher.submit(() -> {
				for (int i = 300; i < 900; i++) {
					publish("m" + i);
				}
			});
			connect("resumer");
			subscribe("resumer", "7", TOPIC, new Position(this.history.epoch(), after));
			publishing.get(20, TimeUnit.SECONDS);
		}
		finally {
			publisher.shutdownNow();
		}
		List<Long> expected = this.offsets.get("witness").stream().filter((offset) -> offset > after).toList();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.offsets.get("resumer")).containsExactlyElementsOf(expected));
		assertThat(this.receipts).containsExactly("resumer:true");
		assertThat(this.cutOff).isEmpty();
	}

	@Test
	void sendsAPageAtATimeAndTheNextOnlyOnceTheWriterAsks() {
		List<Message<?>> parked = resumeWithNoWriter();
		List<Message<?>> page = parked.stream().filter((message) -> MessageFrame.encoded(message) != null).toList();
		assertThat(page).hasSizeLessThan(50).isNotEmpty();
		assertThat(ReplayPacing.afterWrite(page.get(page.size() - 1))).isNotNull();
		assertThat(page.subList(0, page.size() - 1))
			.allSatisfy((message) -> assertThat(ReplayPacing.afterWrite(message)).isNull());
	}

	@Test
	void cutsOffAResumingSessionWhoseHeldBackMessagesPassTheBound() {
		this.broker.stop();
		startBroker(10);
		this.outbound.unsubscribe(this.writing);
		connect("resumer");
		long first = publish("first");
		for (int i = 0; i < 9; i++) {
			publish("x".repeat(1000));
		}
		// No writer: the first page is never written, and live messages pile up.
		subscribe("resumer", "0", TOPIC, new Position(this.history.epoch(), first));
		for (int i = 0; i < 30; i++) {
			publish("live");
		}
		assertThat(this.cutOff).containsExactly("resumer");
	}

	@Test
	void stopsReplayingWhenTheSubscriptionEnds() {
		List<Message<?>> parked = resumeWithNoWriter();
		Runnable next = parked.stream()
			.map(ReplayPacing::afterWrite)
			.filter((runnable) -> runnable != null)
			.findFirst()
			.orElseThrow();
		SimpMessageHeaderAccessor unsubscribe = SimpMessageHeaderAccessor.create(SimpMessageType.UNSUBSCRIBE);
		unsubscribe.setSessionId("resumer");
		unsubscribe.setSubscriptionId("0");
		unsubscribe.setDestination(TOPIC);
		this.broker.handleMessage(MessageBuilder.createMessage(new byte[0], unsubscribe.getMessageHeaders()));
		parked.clear();
		next.run();
		publish("after");
		assertThat(parked).isEmpty();
	}

	/**
	 * Resume a subscription that missed 50 messages, with nobody writing: what the broker
	 * hands the outbound channel stays there.
	 */
	private List<Message<?>> resumeWithNoWriter() {
		this.outbound.unsubscribe(this.writing);
		List<Message<?>> parked = new CopyOnWriteArrayList<>();
		this.outbound.subscribe(parked::add);
		connect("resumer");
		long first = publish("first");
		for (int i = 0; i < 50; i++) {
			publish("x".repeat(200));
		}
		subscribe("resumer", "0", TOPIC, new Position(this.history.epoch(), first));
		return parked;
	}

	@Test
	void aSubscriptionThatResumesAheadOfASharedLogSkipsTheLiveMessagesItHas() {
		this.history.adopt("5eed5eed5eed5eed", 10);
		connect("witness");
		subscribe("witness", "0", TOPIC, null);
		fromBus(11);
		fromBus(12);
		connect("resumer");
		subscribe("resumer", "0", TOPIC, new Position("5eed5eed5eed5eed", 15));
		for (long offset = 13; offset <= 17; offset++) {
			fromBus(offset);
		}
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(
					() -> assertThat(this.offsets.get("witness")).containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L));
		assertThat(this.receipts).containsExactly("resumer:true");
		assertThat(this.offsets.get("resumer")).containsExactly(16L, 17L);
	}

	/**
	 * A message as the bus delivers it, with its offset in the shared log.
	 */
	private void fromBus(long offset) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setDestination(TOPIC);
		headers.setHeader(Bus.OFFSET_HEADER, offset);
		headers.setHeader(Bus.TIMESTAMP_HEADER, System.currentTimeMillis());
		this.broker.handleMessage(MessageBuilder.createMessage(("m" + offset).getBytes(StandardCharsets.UTF_8),
				headers.getMessageHeaders()));
	}

	private long publish(String body) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId("publisher");
		headers.setDestination(TOPIC);
		PositionReceipt receipt = new PositionReceipt();
		headers.setHeader(PositionReceipt.HEADER, receipt);
		this.broker.handleMessage(
				MessageBuilder.createMessage(body.getBytes(StandardCharsets.UTF_8), headers.getMessageHeaders()));
		return receipt.position().offset();
	}

	private void connect(String session) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.CONNECT);
		headers.setSessionId(session);
		this.broker.handleMessage(MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders()));
	}

	private void subscribe(String session, String id, String destination, @Nullable Position position) {
		StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.SUBSCRIBE);
		headers.setSessionId(session);
		headers.setSubscriptionId(id);
		headers.setDestination(destination);
		if (position != null) {
			headers.setReceipt("r");
			headers.setNativeHeader(Position.EPOCH_HEADER, position.epoch());
			headers.setNativeHeader(Position.OFFSET_HEADER, Long.toString(position.offset()));
		}
		this.broker.handleMessage(MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders()));
	}

	private static StompHeaderAccessor decode(TextMessage text) {
		List<Message<byte[]>> frames = new StompDecoder()
			.decode(ByteBuffer.wrap(text.getPayload().getBytes(StandardCharsets.UTF_8)));
		return StompHeaderAccessor.wrap(frames.get(0));
	}

}
