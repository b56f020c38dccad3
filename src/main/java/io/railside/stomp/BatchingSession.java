package io.railside.stomp;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.Constants;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * A WebSocket session that writes several frames with one socket write: a {@link Batch}
 * sent to it is written with Jakarta WebSocket's batching on (the container gathers the
 * frames in its output buffer) and then flushed, each frame still a WebSocket message of
 * its own. A batch is one message to Spring's session decorator above, so it is written
 * whole, in order with every other write to the session, and nothing another thread
 * writes can land inside it.
 * <p>
 * A broadcast's frame that goes alone is a batch of one, written without batching. Each
 * frame of a batch goes to Tomcat as its bytes ({@link TomcatText}) where Tomcat would
 * have sent its string as one frame, which saves Tomcat's encoding and timeout lookup.
 * <p>
 * A batch of several frames fits in Tomcat's output buffer, with room left for a pong
 * Tomcat writes itself, so no write blocks while batching is on: the only write that can
 * block on a client that stopped reading is the flush, after batching is off again. That
 * matters for a close: Tomcat's close flushes a batch it finds open with its
 * blocking-send timeout (20 s) before it sends the close frame. So a close waits for a
 * batch under way to go out, but no longer than Tomcat gives an abnormal close's frame
 * (50 ms); no batch starts once a close began; and a close for any reason but a normal
 * one gives whatever it flushes that same short timeout: a slow consumer is cut off at
 * once, as without batches, and its close frame never overtakes a batch.
 * <p>
 * Left as it is: a close that does not pass through here (Tomcat's own, on the client's
 * close frame or an idle timeout; Spring's when a handler throws, on the session it was
 * given) does not wait. A batch that starts in the microseconds between that close's
 * flush and its close frame holds the close frame in the buffer, and the connection ends
 * without it (1006 at the client, which was leaving anyway).
 */
final class BatchingSession extends WebSocketSessionDecorator {

	/**
	 * The system property from which Tomcat sizes a WebSocket session's output buffer,
	 * once ({@code org.apache.tomcat.websocket.Constants}); Railside sets it to 1 KiB
	 * ({@code io.railside.server.ConnectionBuffers}).
	 */
	static final String BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	/** Tomcat's output buffer when the property is not set. */
	private static final int DEFAULT_BUFFER_BYTES = 8 * 1024;

	/**
	 * The most a control frame takes (a header and 125 bytes): Tomcat answers a client's
	 * ping on its read thread, and with batching on the pong goes into the buffer too.
	 */
	static final int CONTROL_FRAME_BYTES = 2 + 125;

	/**
	 * Tomcat's session property for how long a blocking send may take. Tomcat reads it on
	 * every send; broadcast frames read {@link #sendTimeoutMillis} instead, so set it
	 * only here, where both change together.
	 */
	static final String BLOCKING_SEND_TIMEOUT_PROPERTY = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	/** Tomcat's session property for how long an abnormal close's frame may take. */
	static final String ABNORMAL_CLOSE_TIMEOUT_PROPERTY = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";

	/** Tomcat's default for an abnormal close's frame. */
	private static final long DEFAULT_ABNORMAL_CLOSE_MILLIS = 50;

	private final Session nativeSession;

	private final int batchBytes;

	/** Tomcat's output buffer, which is also its text encoder's buffer. */
	private final int bufferBytes;

	/** Writes a broadcast's frames as their bytes, or {@code null} to send strings. */
	private final @Nullable TomcatText text;

	/** How long a write may block: Tomcat's session property, as this session sets it. */
	private volatile long sendTimeoutMillis;

	/** Held while a batch goes out, and by a close. */
	private final ReentrantLock batching = new ReentrantLock();

	/** Whether this session has begun to close: no batch starts after that. */
	private volatile boolean closed;

	private BatchingSession(StandardWebSocketSession session, int bufferBytes) {
		super(session);
		this.nativeSession = session.getNativeSession();
		this.bufferBytes = bufferBytes;
		this.batchBytes = Math.max(0, bufferBytes - CONTROL_FRAME_BYTES);
		this.text = TomcatText.of(this.nativeSession);
		this.sendTimeoutMillis = (this.nativeSession.getUserProperties()
			.get(BLOCKING_SEND_TIMEOUT_PROPERTY) instanceof Long millis) ? millis
					: Constants.DEFAULT_BLOCKING_SEND_TIMEOUT;
	}

	/**
	 * Decorate a session whose container batches writes; any other is returned as it is.
	 * @param session a session as the container made it (not a decorator)
	 * @return the decorated session, or the session
	 */
	static WebSocketSession decorate(WebSocketSession session) {
		if (!(session instanceof StandardWebSocketSession standard)) {
			return session;
		}
		return new BatchingSession(standard, Integer.getInteger(BUFFER_PROPERTY, DEFAULT_BUFFER_BYTES));
	}

	/**
	 * The most bytes a batch holds, frame headers included: what the container's output
	 * buffer holds besides a pong.
	 * @return the bytes
	 */
	int batchBytes() {
		return this.batchBytes;
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		if (message instanceof Batch batch) {
			send(batch);
		}
		else {
			super.sendMessage(message);
		}
	}

	/**
	 * Write a batch's frames into the container's buffer with batching on, then turn it
	 * off, which flushes them, unless a close began: nothing is written after that. The
	 * lock is held throughout, so a close frame never overtakes the batch; a close waits
	 * for a flush that blocks on a client that stopped reading only briefly.
	 */
	private void send(Batch batch) throws IOException {
		if (!this.batching.tryLock()) {
			return;
		}
		try {
			if (this.closed) {
				return;
			}
			if (batch.frames().size() == 1) {
				send(batch.frames().get(0));
				return;
			}
			RemoteEndpoint.Basic remote = this.nativeSession.getBasicRemote();
			remote.setBatchingAllowed(true);
			try {
				for (TextMessage frame : batch.frames()) {
					send(frame);
				}
			}
			catch (IOException | RuntimeException ex) {
				try {
					remote.setBatchingAllowed(false);
				}
				catch (IOException | RuntimeException flush) {
					ex.addSuppressed(flush);
				}
				throw ex;
			}
			remote.setBatchingAllowed(false);
		}
		finally {
			this.batching.unlock();
		}
	}

	/**
	 * Write a broadcast's frame: its bytes, which are UTF-8, when Tomcat takes them and
	 * would have sent the string as one frame too (a string longer than its buffer goes
	 * as a frame and continuation frames, which clients that cap a frame's size read).
	 */
	private void send(TextMessage frame) throws IOException {
		byte[] utf8 = frame.asBytes();
		if (this.text != null && frame.isLast() && utf8.length <= this.bufferBytes) {
			this.text.send(utf8, this.sendTimeoutMillis);
		}
		else {
			super.sendMessage(frame);
		}
	}

	/**
	 * Whether broadcast frames go to the container as their bytes.
	 * @return whether they do
	 */
	boolean sendsBytes() {
		return this.text != null;
	}

	/**
	 * How long a write of a broadcast frame may block.
	 * @return the timeout in milliseconds
	 */
	long sendTimeoutMillis() {
		return this.sendTimeoutMillis;
	}

	@Override
	public void close() throws IOException {
		close(CloseStatus.NORMAL);
	}

	@Override
	public void close(CloseStatus status) throws IOException {
		long abnormalCloseMillis = abnormalCloseMillis();
		boolean locked = lock(abnormalCloseMillis);
		try {
			this.closed = true;
			if (status.getCode() != CloseStatus.NORMAL.getCode()) {
				this.nativeSession.getUserProperties().put(BLOCKING_SEND_TIMEOUT_PROPERTY, abnormalCloseMillis);
				this.sendTimeoutMillis = abnormalCloseMillis;
			}
			super.close(status);
		}
		finally {
			if (locked) {
				this.batching.unlock();
			}
		}
	}

	/**
	 * Wait for a batch under way to go out, for as long as an abnormal close's frame may
	 * take: a batch that takes longer is blocked on a client that stopped reading, and
	 * the close goes on without the lock (its close frame then waits for that write, as
	 * it would without batches).
	 */
	private boolean lock(long millis) {
		try {
			return this.batching.tryLock(millis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Tomcat's timeout for an abnormal close's frame, read as Tomcat reads it.
	 */
	private long abnormalCloseMillis() {
		return (this.nativeSession.getUserProperties().get(ABNORMAL_CLOSE_TIMEOUT_PROPERTY) instanceof Long millis
				&& millis > 0) ? millis : DEFAULT_ABNORMAL_CLOSE_MILLIS;
	}

	/**
	 * Frames written with one socket write: broadcast copies, each a whole message whose
	 * bytes are UTF-8 ({@code FrameText}). A batch of one may be larger than the buffer.
	 *
	 * @param frames the frames, in order
	 * @param bytes their payloads' length
	 */
	record Batch(List<TextMessage> frames, int bytes) implements WebSocketMessage<String> {

		/** The most a WebSocket frame's header takes (RFC 6455, 5.2). */
		static final int HEADER_BYTES = 14;

		/**
		 * The bytes a frame takes in a batch.
		 * @param frame the frame
		 * @return its payload's length and the most its header takes
		 */
		static int bytesOf(TextMessage frame) {
			return frame.getPayloadLength() + HEADER_BYTES;
		}

		@Override
		public String getPayload() {
			return "";
		}

		@Override
		public int getPayloadLength() {
			return this.bytes;
		}

		@Override
		public boolean isLast() {
			return true;
		}

		@Override
		public String toString() {
			return "batch of " + this.frames.size() + " frames";
		}

	}

}
