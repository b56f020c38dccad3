package io.railside.cable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.fail;

/**
 * An Action Cable client over the JDK's WebSocket, for tests: what the server sends,
 * parsed, in a queue ({@link #awaitFrame()} skips pings), and commands as the Rails
 * client writes them.
 */
public final class CableTestClient implements WebSocket.Listener, AutoCloseable {

	public static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private @Nullable WebSocket socket;

	private volatile boolean paused;

	/**
	 * Open a session as {@code @rails/actioncable} does (both its protocols offered).
	 * @param url the {@code /cable} URL, with any token in it
	 * @return the client, nothing read yet
	 */
	public static CableTestClient open(String url) {
		return open(url, "actioncable-v1-json", "actioncable-unsupported");
	}

	/**
	 * Open a session offering the given sub-protocols (none for none).
	 * @param url the {@code /cable} URL
	 * @param protocols the sub-protocols
	 * @return the client
	 */
	public static CableTestClient open(String url, String... protocols) {
		CableTestClient client = new CableTestClient();
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
		if (protocols.length > 0) {
			String[] more = new String[protocols.length - 1];
			System.arraycopy(protocols, 1, more, 0, more.length);
			builder.subprotocols(protocols[0], more);
		}
		client.socket = builder.buildAsync(URI.create(url), client)
			.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.join();
		return client;
	}

	/**
	 * Open a session and read its welcome.
	 * @param url the {@code /cable} URL
	 * @return the client
	 */
	public static CableTestClient welcomed(String url) {
		CableTestClient client = open(url);
		client.awaitType("welcome");
		return client;
	}

	/**
	 * The identifier of a channel subscription, as Rails' client writes it.
	 * @param channel the channel
	 * @param key the parameter's name, such as {@code signed_stream_name}
	 * @param value its value
	 * @return the identifier
	 */
	public static String identifier(String channel, String key, String value) {
		return json.createObjectNode().put("channel", channel).put(key, value).toString();
	}

	public String subprotocol() {
		return socket().getSubprotocol();
	}

	/**
	 * Subscribe, as Rails' client does.
	 * @param identifier the identifier
	 */
	public void subscribe(String identifier) {
		command("subscribe", identifier);
	}

	public void unsubscribe(String identifier) {
		command("unsubscribe", identifier);
	}

	public void command(String command, String identifier) {
		send(json.createObjectNode().put("command", command).put("identifier", identifier).toString());
	}

	/**
	 * Stop reading, as a client on a slow network would: the server's frames stay in its
	 * buffers.
	 */
	public void pause() {
		this.paused = true;
	}

	public void send(String text) {
		socket().sendText(text, true).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	/**
	 * The next frame that is not a ping.
	 * @return the frame
	 */
	public JsonNode awaitFrame() {
		while (true) {
			JsonNode frame = poll(TIMEOUT);
			if (frame == null) {
				fail("No frame from the server within " + TIMEOUT);
			}
			if (!"ping".equals(frame.path("type").asString(null))) {
				return frame;
			}
		}
	}

	/**
	 * The next frame that is not a ping, which must be of a type.
	 * @param type the type
	 * @return the frame
	 */
	public JsonNode awaitType(String type) {
		JsonNode frame = awaitFrame();
		if (!type.equals(frame.path("type").asString(null))) {
			fail("Expected a " + type + " frame but got " + frame);
		}
		return frame;
	}

	/**
	 * The next frame of any kind, pings included, if one comes in time.
	 * @param wait how long to wait
	 * @return the frame, or {@code null}
	 */
	public @Nullable JsonNode poll(Duration wait) {
		try {
			return this.frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The close code the server sent, waiting for it.
	 * @return the code
	 */
	public int awaitClose() {
		return this.closeCode.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	public boolean isClosed() {
		return this.closeCode.isDone();
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			this.frames.add(json.readTree(this.partial.toString()));
			this.partial.setLength(0);
		}
		if (!this.paused) {
			webSocket.request(1);
		}
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeCode.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closeCode.complete(-1);
	}

	@Override
	public void close() {
		if (this.socket != null && !this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "")
				.orTimeout(5, TimeUnit.SECONDS)
				.exceptionally((ex) -> null);
		}
	}

	private WebSocket socket() {
		if (this.socket == null) {
			throw new IllegalStateException("Not open");
		}
		return this.socket;
	}

}
