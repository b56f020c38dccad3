package io.railside.stomp;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A STOMP session for tests over Spring's real client: every MESSAGE and ERROR frame it
 * receives lands in one queue, read with {@link #awaitFrame(Duration)}; closes and
 * transport errors complete {@link #closed()}.
 */
public final class StompTestSession implements StompSessionHandler {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final ThreadPoolTaskScheduler scheduler = scheduler();

	private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

	private final CompletableFuture<Throwable> closed = new CompletableFuture<>();

	private final AtomicInteger ids = new AtomicInteger();

	private @Nullable StompSession session;

	/**
	 * Connect and wait for CONNECTED.
	 * @param client the WebSocket client (plain, TLS or SockJS)
	 * @param url the endpoint URL
	 * @return the connected session
	 */
	public static StompTestSession connect(String url) {
		return connect(webSocketClient(null), url);
	}

	/**
	 * A WebSocket client whose container takes messages as large as the server sends.
	 * @param sslContext the TLS context for wss://, or {@code null}
	 * @return the client
	 */
	public static StandardWebSocketClient webSocketClient(@Nullable SSLContext sslContext) {
		WebSocketContainer container = ContainerProvider.getWebSocketContainer();
		container.setDefaultMaxTextMessageBufferSize(1024 * 1024);
		container.setDefaultMaxBinaryMessageBufferSize(1024 * 1024);
		StandardWebSocketClient client = new StandardWebSocketClient(container);
		client.setSslContext(sslContext);
		return client;
	}

	static StompTestSession connect(WebSocketClient client, String url) {
		return connect(client, url, new WebSocketHttpHeaders(), new StompHeaders());
	}

	public static StompTestSession connect(WebSocketClient client, String url, WebSocketHttpHeaders handshake,
			StompHeaders connect) {
		WebSocketStompClient stompClient = new WebSocketStompClient(client);
		stompClient.setMessageConverter(new TextMessageConverter());
		stompClient.setTaskScheduler(scheduler);
		stompClient.setInboundMessageSizeLimit(1024 * 1024);
		StompTestSession test = new StompTestSession();
		try {
			test.session = stompClient.connectAsync(url, handshake, connect, test)
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not connect to " + url, ex);
		}
		return test;
	}

	public StompSession session() {
		assertThat(this.session).isNotNull();
		return this.session;
	}

	/**
	 * Subscribe and wait for the server's RECEIPT, so that the subscription is in place.
	 * @param destination the destination
	 * @return the subscription
	 */
	public StompSession.Subscription subscribe(String destination) {
		return subscribe(destination, new StompHeaders());
	}

	StompSession.Subscription subscribe(String destination, StompHeaders headers) {
		return subscribeForReceipt(destination, headers).subscription();
	}

	/**
	 * Subscribe with headers of the caller's (such as a position to resume from) and wait
	 * for the server's RECEIPT.
	 * @param destination the destination
	 * @param headers further headers of the SUBSCRIBE
	 * @return the subscription and the RECEIPT's headers
	 */
	public Subscribed subscribeForReceipt(String destination, StompHeaders headers) {
		headers.setDestination(destination);
		headers.setReceipt("subscribe-" + this.ids.incrementAndGet());
		CompletableFuture<StompHeaders> receipt = new CompletableFuture<>();
		StompSession.Subscription subscription = session().subscribe(headers, new FrameCollector("MESSAGE"));
		subscription.addReceiptTask(receipt::complete);
		return new Subscribed(subscription, await(receipt, "RECEIPT for SUBSCRIBE " + destination));
	}

	public void send(String destination, String body) {
		session().send(destination, body);
	}

	/**
	 * Send and wait for the server's RECEIPT.
	 * @param destination the destination
	 * @param body the body
	 */
	public void sendWithReceipt(String destination, String body) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setReceipt("send-" + this.ids.incrementAndGet());
		CompletableFuture<Void> receipt = new CompletableFuture<>();
		session().send(headers, body).addReceiptTask(() -> receipt.complete(null));
		await(receipt, "RECEIPT for SEND " + destination);
	}

	public Frame awaitFrame(Duration timeout) {
		try {
			Frame frame = this.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (frame == null) {
				Throwable reported = this.closed.getNow(null);
				fail("No frame within " + timeout
						+ ((reported != null) ? " (the session reported: " + reported + ")" : ""));
			}
			return frame;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The next frame, if one arrives within the given time.
	 * @param timeout how long to wait
	 * @return the frame, or {@code null}
	 */
	public @Nullable Frame pollFrame(Duration timeout) throws InterruptedException {
		return this.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	public Frame awaitFrame() {
		return awaitFrame(TIMEOUT);
	}

	/**
	 * Assert that no frame arrives within the given time.
	 * @param quiet how long to listen
	 */
	public void assertNoFrame(Duration quiet) throws InterruptedException {
		assertThat(this.frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)).isNull();
	}

	public CompletableFuture<Throwable> closed() {
		return this.closed;
	}

	public void disconnect() {
		if (this.session != null && this.session.isConnected()) {
			this.session.disconnect();
		}
	}

	private static <T> T await(CompletableFuture<T> future, String what) {
		try {
			return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("No " + what + " within " + TIMEOUT, ex);
		}
	}

	private static ThreadPoolTaskScheduler scheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(2);
		scheduler.setDaemon(true);
		scheduler.setThreadNamePrefix("test-stomp-");
		scheduler.initialize();
		return scheduler;
	}

	@Override
	public void afterConnected(StompSession session, StompHeaders connectedHeaders) {
	}

	@Override
	public void handleException(StompSession session, @Nullable StompCommand command, StompHeaders headers,
			byte[] payload, Throwable exception) {
		this.closed.complete(exception);
	}

	@Override
	public void handleTransportError(StompSession session, Throwable exception) {
		this.closed.complete(exception);
	}

	@Override
	public Type getPayloadType(StompHeaders headers) {
		return String.class;
	}

	@Override
	public void handleFrame(StompHeaders headers, @Nullable Object payload) {
		this.frames.add(new Frame("ERROR", headers, body(payload)));
	}

	private static String body(@Nullable Object payload) {
		return (payload != null) ? (String) payload : "";
	}

	/**
	 * A frame as received.
	 *
	 * @param command MESSAGE or ERROR
	 * @param headers the frame's headers
	 * @param body the body as UTF-8 text
	 */
	public record Frame(String command, StompHeaders headers, String body) {

		public @Nullable String header(String name) {
			return this.headers.getFirst(name);
		}

	}

	/**
	 * A subscription the server has confirmed.
	 *
	 * @param subscription the subscription
	 * @param receipt the headers of the server's RECEIPT
	 */
	public record Subscribed(StompSession.Subscription subscription, StompHeaders receipt) {

	}

	/**
	 * Reads JSON bodies as text too: Spring's {@link StringMessageConverter} takes
	 * {@code text/plain} only, and a frame it cannot convert never reaches the test.
	 */
	private static final class TextMessageConverter extends StringMessageConverter {

		TextMessageConverter() {
			addSupportedMimeTypes(MimeTypeUtils.APPLICATION_JSON);
		}

	}

	private final class FrameCollector implements StompFrameHandler {

		private final String command;

		FrameCollector(String command) {
			this.command = command;
		}

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return String.class;
		}

		@Override
		public void handleFrame(StompHeaders headers, @Nullable Object payload) {
			StompTestSession.this.frames.add(new Frame(this.command, headers, body(payload)));
		}

	}

}
