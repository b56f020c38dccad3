package io.railside.echo;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JDK {@link WebSocket} client for end-to-end tests of the echo: the JDK hands messages
 * over in parts, so this joins them and queues whole messages, and the close code, for
 * bounded waits.
 */
public final class EchoSocket implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final WebSocket webSocket;

	private final Messages messages;

	private EchoSocket(WebSocket webSocket, Messages messages) {
		this.webSocket = webSocket;
		this.messages = messages;
	}

	/**
	 * Open a WebSocket and wait for the handshake.
	 * @param builder the builder, with any extra headers
	 * @param uri the ws:// or wss:// URI
	 * @return the open socket
	 * @throws Exception if the handshake fails or times out
	 */
	public static EchoSocket open(WebSocket.Builder builder, URI uri) throws Exception {
		Messages messages = new Messages();
		WebSocket webSocket = builder.connectTimeout(TIMEOUT)
			.buildAsync(uri, messages)
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return new EchoSocket(webSocket, messages);
	}

	public String echo(String text) throws Exception {
		sendText(text, true);
		return awaitText();
	}

	public byte[] echo(byte[] bytes) throws Exception {
		sendBinary(bytes, true);
		return awaitBinary();
	}

	public void sendText(String text, boolean last) throws Exception {
		this.webSocket.sendText(text, last).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	public void sendBinary(byte[] bytes, boolean last) throws Exception {
		this.webSocket.sendBinary(ByteBuffer.wrap(bytes), last).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	public String awaitText() throws InterruptedException {
		return awaitMessage(String.class);
	}

	public byte[] awaitBinary() throws InterruptedException {
		return awaitMessage(byte[].class);
	}

	/**
	 * Wait for the server to close the socket.
	 * @return the close code the server sent
	 * @throws Exception if the socket failed or stayed open
	 */
	public boolean isClosed() {
		return this.messages.closeCode.isDone();
	}

	public int awaitCloseCode() throws Exception {
		return this.messages.closeCode.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Return whether a whole message arrived that no test has taken.
	 * @return if a message is waiting
	 */
	public boolean hasMessage() {
		return !this.messages.whole.isEmpty();
	}

	private <T> T awaitMessage(Class<T> type) throws InterruptedException {
		Object message = this.messages.whole.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(message).as("a whole message within %s", TIMEOUT).isInstanceOf(type);
		return type.cast(message);
	}

	@Override
	public void close() {
		this.webSocket.abort();
	}

	/**
	 * Joins the parts of each message; the JDK calls a listener for one socket at a time.
	 */
	private static final class Messages implements WebSocket.Listener {

		private final BlockingQueue<Object> whole = new LinkedBlockingQueue<>();

		private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

		private final StringBuilder text = new StringBuilder();

		private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				this.whole.add(this.text.toString());
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] part = new byte[data.remaining()];
			data.get(part);
			this.binary.writeBytes(part);
			if (last) {
				this.whole.add(this.binary.toByteArray());
				this.binary.reset();
			}
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
			this.closeCode.completeExceptionally(error);
		}

	}

}
