package io.railside.stomp;

import java.io.IOException;
import java.util.List;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

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
 * A batch fits in Tomcat's output buffer, so no write blocks while batching is on: the
 * only write that can block on a client that stopped reading is the flush, which runs
 * with batching off again. A close meanwhile (a slow consumer cut off) finds nothing
 * batched and closes as it would without batches, with Tomcat's short timeout for an
 * abnormal close; with batching on, Tomcat's close would first flush the batch with its
 * blocking-send timeout (20 s).
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

	private final Session nativeSession;

	private final int batchBytes;

	private final Object closing = new Object();

	/** Whether this session has begun to close: no batch starts after that. */
	private boolean closed;

	private BatchingSession(StandardWebSocketSession session, int batchBytes) {
		super(session);
		this.nativeSession = session.getNativeSession();
		this.batchBytes = batchBytes;
	}

	/**
	 * Decorate a session whose container batches writes; any other is returned as it is.
	 * @param session a session as the container made it (not a decorator)
	 * @return the decorated session, or the session
	 */
	static WebSocketSession decorate(WebSocketSession session) {
		return (session instanceof StandardWebSocketSession standard)
				? new BatchingSession(standard, Integer.getInteger(BUFFER_PROPERTY, DEFAULT_BUFFER_BYTES)) : session;
	}

	/**
	 * The most bytes a batch holds, frame headers included: the container's output
	 * buffer.
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

	private void send(Batch batch) throws IOException {
		RemoteEndpoint.Basic remote = this.nativeSession.getBasicRemote();
		if (!start(remote)) {
			for (TextMessage frame : batch.frames()) {
				super.sendMessage(frame);
			}
			return;
		}
		try {
			for (TextMessage frame : batch.frames()) {
				super.sendMessage(frame);
			}
		}
		finally {
			// Off first, then the flush: Tomcat's setBatchingAllowed(false).
			remote.setBatchingAllowed(false);
		}
	}

	/**
	 * Turn batching on unless the session has begun to close: the container's close
	 * flushes what is batched and then writes the close frame, and a batch started
	 * between the two would hold the close frame back.
	 */
	private boolean start(RemoteEndpoint.Basic remote) throws IOException {
		synchronized (this.closing) {
			if (this.closed) {
				return false;
			}
			remote.setBatchingAllowed(true);
			return true;
		}
	}

	@Override
	public void close() throws IOException {
		close(CloseStatus.NORMAL);
	}

	@Override
	public void close(CloseStatus status) throws IOException {
		synchronized (this.closing) {
			this.closed = true;
		}
		super.close(status);
	}

	/**
	 * Frames written with one socket write.
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
