package io.railside.stomp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.fail;

/**
 * A bare WebSocket that speaks STOMP as raw text, for the frames a real client would
 * never send: malformed, oversized or out of order. Received frames are decoded with
 * Spring's {@link StompDecoder}, heart-beats included.
 */
public final class RawStompSocket implements WebSocket.Listener {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final BlockingQueue<StompHeaderAccessor> frames = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private final StompDecoder decoder = new StompDecoder();

	private @Nullable WebSocket socket;

	public static RawStompSocket open(String url) {
		return open(url, "v12.stomp", "v11.stomp", "v10.stomp");
	}

	/**
	 * Open a socket with the client's own handshake headers (such as
	 * {@code X-Forwarded-For}), no CONNECT sent yet.
	 * @param builder a WebSocket builder carrying the headers
	 * @param url the {@code /stomp} URL
	 * @return the socket
	 */
	public static RawStompSocket open(WebSocket.Builder builder, String url) {
		RawStompSocket raw = new RawStompSocket();
		raw.socket = builder.subprotocols("v12.stomp")
			.buildAsync(URI.create(url), raw)
			.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.join();
		return raw;
	}

	static RawStompSocket open(String url, String subprotocol, String... more) {
		RawStompSocket raw = new RawStompSocket();
		raw.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.subprotocols(subprotocol, more)
			.buildAsync(URI.create(url), raw)
			.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.join();
		return raw;
	}

	/**
	 * Open a socket and CONNECT with STOMP 1.2.
	 * @param url the {@code /stomp} URL
	 * @return the connected socket, CONNECTED already received
	 */
	public static RawStompSocket connected(String url) {
		return connect(open(url));
	}

	/**
	 * CONNECT with STOMP 1.2 on an open socket.
	 * @param raw the socket
	 * @return the socket, CONNECTED already received
	 */
	public static RawStompSocket connect(RawStompSocket raw) {
		raw.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0");
		StompHeaderAccessor connected = raw.awaitFrame();
		if (!"CONNECTED".equals(String.valueOf(connected.getCommand()))) {
			fail("Expected CONNECTED but got " + connected.getCommand() + " " + connected.toNativeHeaderMap());
		}
		return raw;
	}

	String subprotocol() {
		return socket().getSubprotocol();
	}

	public void send(String text) {
		socket().sendText(text, true).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	void sendBinary(byte[] bytes) {
		socket().sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	/**
	 * The next frame that is not a heart-beat.
	 * @return its headers, body under {@link #body(StompHeaderAccessor)}
	 */
	public StompHeaderAccessor awaitFrame() {
		while (true) {
			StompHeaderAccessor frame = poll();
			if (!frame.isHeartbeat()) {
				return frame;
			}
		}
	}

	StompHeaderAccessor awaitHeartbeat() {
		while (true) {
			StompHeaderAccessor frame = poll();
			if (frame.isHeartbeat()) {
				return frame;
			}
		}
	}

	/**
	 * The next frame or heart-beat, if one comes within the given time.
	 * @param wait how long to wait
	 * @return the frame, or {@code null}
	 */
	public @Nullable StompHeaderAccessor pollAny(Duration wait) throws InterruptedException {
		return this.frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	public int awaitClose() {
		return this.closeCode.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	public void abort() {
		if (this.socket != null) {
			this.socket.abort();
		}
	}

	public static String body(StompHeaderAccessor frame) {
		Object payload = frame.getHeader("railside.test.body");
		return (payload != null) ? (String) payload : "";
	}

	private StompHeaderAccessor poll() {
		try {
			StompHeaderAccessor frame = this.frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (frame == null) {
				fail("No frame within " + TIMEOUT + (this.closeCode.isDone() ? "; socket closed" : ""));
			}
			return frame;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private WebSocket socket() {
		if (this.socket == null) {
			throw new IllegalStateException("Not open");
		}
		return this.socket;
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			decode(this.partial.toString().getBytes(StandardCharsets.UTF_8));
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		byte[] bytes = new byte[data.remaining()];
		data.get(bytes);
		decode(bytes);
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeCode.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closeCode.complete(1006);
	}

	private void decode(byte[] bytes) {
		List<Message<byte[]>> messages = this.decoder.decode(ByteBuffer.wrap(bytes));
		for (Message<byte[]> message : messages) {
			StompHeaderAccessor accessor = StompHeaderAccessor.wrap(message);
			accessor.setHeader("railside.test.body", new String(message.getPayload(), StandardCharsets.UTF_8));
			this.frames.add(accessor);
		}
	}

}
