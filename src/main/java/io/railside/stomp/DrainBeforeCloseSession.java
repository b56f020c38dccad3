package io.railside.stomp;

import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * Spring's thread-safe session, except that closing first lets frames already queued go
 * out, and that it says when its send buffer has room for a replay's next page. Without
 * the first, an ERROR frame queued while another thread is still writing (say a CONNECTED
 * or a broadcast) is dropped by the close that follows it, and the client never learns
 * why it was cut off.
 */
class DrainBeforeCloseSession extends ConcurrentWebSocketSessionDecorator {

	private static final long PAUSE_NANOS = Duration.ofMillis(1).toNanos();

	private final long drainNanos;

	private final int roomBytes;

	/**
	 * One task per replay waiting for room: a session may resume several topics at once.
	 */
	private final Queue<Runnable> whenRoom = new ConcurrentLinkedQueue<>();

	private final @Nullable String defaultProtocol;

	private final int batchBytes;

	/** Where the broker's messages for this session wait before its send buffer. */
	private volatile @Nullable SessionOutbox outbox;

	DrainBeforeCloseSession(WebSocketSession delegate, int sendTimeLimit, int bufferSizeLimit, int roomBytes) {
		super(delegate, sendTimeLimit, bufferSizeLimit);
		this.drainNanos = Duration.ofMillis(sendTimeLimit).toNanos();
		this.roomBytes = roomBytes;
		this.defaultProtocol = EndpointProtocols.defaultOf(delegate);
		this.batchBytes = (delegate instanceof BatchingSession batching) ? batching.batchBytes() : 0;
	}

	/**
	 * The negotiated sub-protocol, or the endpoint's own when the client asked for none.
	 */
	@Override
	public @Nullable String getAcceptedProtocol() {
		String accepted = super.getAcceptedProtocol();
		return (accepted == null || accepted.isEmpty()) ? this.defaultProtocol : accepted;
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		try {
			super.sendMessage(message);
		}
		finally {
			if (!this.whenRoom.isEmpty()) {
				runIfRoom();
			}
		}
	}

	/**
	 * Run a task once the send buffer and the outbox hold no more than a page: now, or
	 * when the thread that is writing has written enough. The task is queued before the
	 * buffer is looked at, and the writer looks after writing, so one of them runs it,
	 * once.
	 * @param task what to run, once
	 */
	void whenRoom(Runnable task) {
		this.whenRoom.add(task);
		runIfRoom();
	}

	/**
	 * Give the session its outbox, whose queued bytes count as waiting for room too.
	 * @param outbox the outbox
	 */
	void attach(SessionOutbox outbox) {
		this.outbox = outbox;
	}

	@Nullable SessionOutbox outbox() {
		return this.outbox;
	}

	/**
	 * How many bytes of frames, headers included, this session takes in one batch.
	 * @return the bytes of a {@link BatchingSession.Batch}, or 0 if the session takes
	 * none
	 */
	int batchBytes() {
		return this.batchBytes;
	}

	private void runIfRoom() {
		Runnable task;
		while (getBufferSize() + waitingInOutbox() <= this.roomBytes && (task = this.whenRoom.poll()) != null) {
			task.run();
		}
	}

	private long waitingInOutbox() {
		SessionOutbox outbox = this.outbox;
		return (outbox != null) ? outbox.queuedBytes() : 0;
	}

	@Override
	public void close(CloseStatus status) throws IOException {
		long deadline = System.nanoTime() + this.drainNanos;
		// A session cut off as unreliable (a slow consumer) will never drain: close at
		// once.
		int quietChecks = CloseStatus.SESSION_NOT_RELIABLE.equals(status) ? 2 : 0;
		while (quietChecks < 2 && isOpen() && System.nanoTime() - deadline < 0) {
			// Another thread may have taken the last frame from the buffer and not yet
			// started its send: only two quiet looks a pause apart mean nothing is left.
			quietChecks = (getBufferSize() > 0 || getTimeSinceSendStarted() > 0) ? 0 : quietChecks + 1;
			if (quietChecks < 2) {
				LockSupport.parkNanos(PAUSE_NANOS);
			}
		}
		// Spring writes a SockJS session's close frame outside the lock its other writes
		// take: see SockJsResponseLock.
		SockJsResponseLock.closing(getDelegate(), () -> super.close(status));
	}

	@Override
	public String toString() {
		// Spring logs sessions by toString; the handshake URI could carry a token.
		return "WebSocketSession[id=" + getId() + "]";
	}

}
