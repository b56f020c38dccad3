package io.railside.limits;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw STOMP client over the JDK WebSocket for what {@code RawStompSocket} cannot do:
 * send one WebSocket message in several fragments, note when each frame arrived, and stop
 * reading as a stalled client does, or read no faster than a slow link, so that the
 * server's writes back up.
 */
final class ControlledStompSocket implements WebSocket.Listener {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final BlockingQueue<Received> frames = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private final StompDecoder decoder = new StompDecoder();

	private volatile boolean reading = true;

	private volatile long bytesPerSecond;

	private @Nullable WebSocket socket;

	/**
	 * Open a socket and CONNECT with STOMP 1.2 and no heart-beats.
	 * @param url the {@code /stomp} URL
	 * @return the socket, CONNECTED already received
	 */
	static ControlledStompSocket connected(String url) {
		ControlledStompSocket controlled = new ControlledStompSocket();
		controlled.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.subprotocols("v12.stomp")
			.buildAsync(URI.create(url), controlled)
			.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.join();
		controlled.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0");
		assertThat(controlled.awaitFrame().command()).isEqualTo("CONNECTED");
		return controlled;
	}

	void send(String text) {
		sendPart(text, true);
	}

	/**
	 * Send one fragment of a WebSocket message.
	 * @param text the fragment
	 * @param last whether it ends the message
	 */
	void sendPart(String text, boolean last) {
		socket().sendText(text, last).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	/**
	 * Subscribe and wait for the RECEIPT.
	 * @param id the subscription id
	 * @param destination the destination
	 */
	void subscribe(String id, String destination) {
		send("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\nreceipt:r-" + id + "\n\n\0");
		assertThat(awaitFrame().frame().getReceiptId()).isEqualTo("r-" + id);
	}

	/**
	 * Ask for no more messages: the JDK client then stops reading the socket.
	 */
	void stopReading() {
		this.reading = false;
	}

	/**
	 * Read again after {@link #stopReading()}.
	 */
	void startReading() {
		this.reading = true;
		socket().request(1);
	}

	/**
	 * Read no faster than a link of the given speed: the JDK client reads on only when
	 * asked for more, and this client asks once the last part has had its time.
	 * @param bytesPerSecond the link's speed
	 */
	void readAtMost(long bytesPerSecond) {
		this.bytesPerSecond = bytesPerSecond;
	}

	Received awaitFrame() {
		return awaitFrame(TIMEOUT);
	}

	Received awaitFrame(Duration timeout) {
		try {
			Received received = this.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(received).as("a frame within %s", timeout).isNotNull();
			return received;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Take the frames that have arrived and were not read yet.
	 * @return the frames, oldest first
	 */
	List<Received> remaining() {
		List<Received> rest = new ArrayList<>();
		this.frames.drainTo(rest);
		return rest;
	}

	int awaitClose() {
		return this.closeCode.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	void abort() {
		if (this.socket != null) {
			this.socket.abort();
		}
	}

	private WebSocket socket() {
		assertThat(this.socket).as("open socket").isNotNull();
		return this.socket;
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			long now = System.nanoTime();
			for (Message<byte[]> message : this.decoder
				.decode(ByteBuffer.wrap(this.partial.toString().getBytes(StandardCharsets.UTF_8)))) {
				this.frames.add(new Received(StompHeaderAccessor.wrap(message),
						new String(message.getPayload(), StandardCharsets.UTF_8), now));
			}
			this.partial.setLength(0);
		}
		if (this.reading) {
			requestMore(webSocket, data.length());
		}
		return null;
	}

	private void requestMore(WebSocket webSocket, int received) {
		long rate = this.bytesPerSecond;
		if (rate > 0) {
			CompletableFuture.delayedExecutor(received * 1_000_000_000L / rate, TimeUnit.NANOSECONDS)
				.execute(() -> webSocket.request(1));
		}
		else {
			webSocket.request(1);
		}
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

	/**
	 * A frame as received.
	 *
	 * @param frame its headers
	 * @param body its body as UTF-8 text
	 * @param nanos when it arrived, by {@link System#nanoTime()}
	 */
	record Received(StompHeaderAccessor frame, String body, long nanos) {

		String command() {
			return String.valueOf(this.frame.getCommand());
		}

	}

}
