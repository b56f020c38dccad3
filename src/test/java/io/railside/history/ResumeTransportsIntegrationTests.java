package io.railside.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.railside.stomp.StompTestSession;
import io.railside.stomp.StompTestSession.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.Transport;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resumes over each SockJS transport with Spring's real clients, as
 * {@link ResumeIntegrationTests} does over a plain WebSocket: a client subscribes,
 * receives, loses its transport without a DISCONNECT, and resumes on a new connection
 * from the last message it received; it gets every message published while it was away
 * and after, exactly once and in order, and the RECEIPT says it recovered. Replays longer
 * than one XHR response carries are included: an XHR session empties the send buffer the
 * replay's pacing watches at once into SockJS's cache between two requests, which
 * Railside sizes for a whole replay (Spring's 100 would drop the rest).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.history.size=1000" })
@Timeout(60)
class ResumeTransportsIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final int BEFORE = 5;

	private static final int AFTER = 5;

	/** Short of SockJS's default cache of 100 messages between two XHR requests. */
	private static final int FEW = 20;

	/** Several times SockJS's default cache of 100 messages between two XHR requests. */
	private static final int MANY = 600;

	/**
	 * Makes a replay of {@link #MANY} messages several times the 128 KB after which an
	 * XHR streaming response ends and the client opens the next.
	 */
	private static final String PADDING = " " + "x".repeat(1000);

	@Value("${local.http.port}")
	private int httpPort;

	@Autowired
	private SimpMessagingTemplate broker;

	private final List<StompTestSession> sessions = new ArrayList<>();

	@AfterEach
	void disconnect() {
		this.sessions.forEach(StompTestSession::disconnect);
	}

	@Test
	void resumesOverSockJsWebSocket() throws InterruptedException {
		resumesAfterAnAbruptDrop(() -> sockJs(new WebSocketTransport(StompTestSession.webSocketClient(null))),
				"/topic/resume.sockjs-ws", FEW);
	}

	@Test
	void resumesOverSockJsXhrStreaming() throws InterruptedException {
		resumesAfterAnAbruptDrop(() -> sockJs(xhr(false)), "/topic/resume.xhr-streaming", FEW);
	}

	@Test
	void resumesOverSockJsXhrPolling() throws InterruptedException {
		resumesAfterAnAbruptDrop(() -> sockJs(xhr(true)), "/topic/resume.xhr-polling", FEW);
	}

	@Test
	void replaysMoreThanOneResponseCarriesOverSockJsWebSocket() throws InterruptedException {
		resumesAfterAnAbruptDrop(() -> sockJs(new WebSocketTransport(StompTestSession.webSocketClient(null))),
				"/topic/resume.sockjs-ws.many", MANY);
	}

	@Test
	void replaysMoreThanOneResponseCarriesOverSockJsXhrStreaming() throws InterruptedException {
		resumesAfterAnAbruptDrop(() -> sockJs(xhr(false)), "/topic/resume.xhr-streaming.many", MANY);
	}

	@Test
	void replaysMoreThanOneResponseCarriesOverSockJsXhrPolling() throws InterruptedException {
		resumesAfterAnAbruptDrop(() -> sockJs(xhr(true)), "/topic/resume.xhr-polling.many", MANY);
	}

	private void resumesAfterAnAbruptDrop(Supplier<WebSocketClient> transport, String topic, int away)
			throws InterruptedException {
		DroppingClient first = new DroppingClient(transport.get());
		StompTestSession before = connect(first);
		before.subscribe(topic);
		List<String> published = publish(topic, 0, BEFORE);
		List<Frame> received = receive(before, BEFORE);
		assertThat(names(received)).containsExactlyElementsOf(published);
		Frame last = received.get(BEFORE - 1);
		first.drop();
		this.sessions.remove(before);
		published.addAll(publish(topic, BEFORE, away));
		StompTestSession after = connect(new DroppingClient(transport.get()));
		StompHeaders position = new StompHeaders();
		position.set(Position.EPOCH_HEADER, last.header(Position.EPOCH_HEADER));
		position.set(Position.OFFSET_HEADER, last.header(Position.OFFSET_HEADER));
		StompHeaders receipt = after.subscribeForReceipt(topic, position).receipt();
		assertThat(receipt.getFirst(Resume.RECOVERED_HEADER)).isEqualTo("true");
		assertThat(receipt.getFirst(Resume.REASON_HEADER)).isNull();
		published.addAll(publish(topic, BEFORE + away, AFTER));
		List<Frame> resumed = receive(after, away + AFTER);
		assertThat(names(resumed)).containsExactlyElementsOf(published.subList(BEFORE, published.size()));
		List<Long> offsets = resumed.stream().map(ResumeTransportsIntegrationTests::offset).toList();
		assertThat(offsets).isSorted().doesNotHaveDuplicates();
		assertThat(offsets.get(0)).isGreaterThan(offset(last));
		assertThat(receipt.getFirst(Position.OFFSET_HEADER)).as("the topic's position when it resumed")
			.isEqualTo(resumed.get(away - 1).header(Position.OFFSET_HEADER));
		assertThat(resumed).allSatisfy((frame) -> assertThat(frame.header(Position.EPOCH_HEADER))
			.isEqualTo(last.header(Position.EPOCH_HEADER)));
		after.assertNoFrame(Duration.ofMillis(300));
	}

	/**
	 * Publish messages, each a name and padding.
	 * @return their names
	 */
	private List<String> publish(String topic, int from, int count) {
		List<String> names = new ArrayList<>();
		for (int i = from; i < from + count; i++) {
			String name = "m" + i;
			this.broker.convertAndSend(topic, name + PADDING);
			names.add(name);
		}
		return names;
	}

	/**
	 * The frames that arrive one after another within the time allowed: what is missing
	 * shows in the assertion that follows, rather than as a timeout.
	 */
	private static List<Frame> receive(StompTestSession session, int count) throws InterruptedException {
		List<Frame> frames = new ArrayList<>();
		Frame frame;
		while (frames.size() < count && (frame = session.pollFrame(WAIT)) != null) {
			assertThat(frame.command()).as("frame %d of %d: %s", frames.size(), count, frame).isEqualTo("MESSAGE");
			frames.add(frame);
		}
		return frames;
	}

	private static List<String> names(List<Frame> frames) {
		return frames.stream().map((frame) -> frame.body().substring(0, frame.body().indexOf(' '))).toList();
	}

	private static long offset(Frame frame) {
		return Long.parseLong(String.valueOf(frame.header(Position.OFFSET_HEADER)));
	}

	private StompTestSession connect(WebSocketClient client) {
		StompTestSession session = StompTestSession.connect(client, "http://localhost:" + this.httpPort + "/sockjs",
				new WebSocketHttpHeaders(), new StompHeaders());
		this.sessions.add(session);
		return session;
	}

	private static SockJsClient sockJs(Transport transport) {
		return new SockJsClient(List.of(transport));
	}

	private static RestTemplateXhrTransport xhr(boolean polling) {
		RestTemplateXhrTransport transport = new RestTemplateXhrTransport();
		transport.setXhrStreamingDisabled(polling);
		return transport;
	}

}
