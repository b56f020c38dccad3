package io.railside.stomp;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.AbstractMessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;

/**
 * One session's messages from the broker, written in the order they were sent, by one
 * task at a time on the outbound channel's threads: a task runs while the outbox has
 * messages (a bounded run, then it yields to other sessions). Spring's ordered outbound
 * channel instead hands each frame to the executor as its own task, and looks its session
 * up again for each.
 * <p>
 * The outbound channel's interceptors (the frame counter) see every message when it is
 * sent, as they would on that channel. The send buffer's limits hold as in Spring's
 * session decorator: while a write to the session is under way, a client whose write has
 * taken longer than the send time limit, or whose queued frames pass the buffer limit, is
 * cut off as a slow consumer, and what was queued for it is dropped.
 */
final class SessionOutbox extends AbstractMessageChannel {

	private static final Log logger = LogFactory.getLog(SessionOutbox.class);

	/** Messages one task writes before it makes way for other sessions. */
	private static final int RUN_LENGTH = 64;

	private final DrainBeforeCloseSession session;

	private final Executor executor;

	private final Writer writer;

	private final Queue<Message<?>> queue = new ConcurrentLinkedQueue<>();

	/** Messages sent and not yet written; the one that makes it 1 starts a task. */
	private final AtomicInteger pending = new AtomicInteger();

	private final AtomicLong queuedBytes = new AtomicLong();

	/** When the write under way began ({@link System#nanoTime()}), or 0. */
	private volatile long writingSince;

	private volatile boolean closed;

	SessionOutbox(DrainBeforeCloseSession session, Executor executor, Iterable<ChannelInterceptor> interceptors,
			Writer writer) {
		this.session = session;
		this.executor = executor;
		this.writer = writer;
		for (ChannelInterceptor interceptor : interceptors) {
			// Spring's ordered channel's task interceptor is not for this channel.
			if (!(interceptor instanceof ExecutorChannelInterceptor)) {
				addInterceptor(interceptor);
			}
		}
		setBeanName("outbox-" + session.getId());
	}

	@Override
	protected boolean sendInternal(Message<?> message, long timeout) {
		if (this.closed) {
			return false;
		}
		long queued = this.queuedBytes.addAndGet(bytes(message));
		this.queue.add(message);
		if (this.pending.getAndIncrement() == 0) {
			start();
		}
		else {
			checkLimits(queued);
		}
		return true;
	}

	private void checkLimits(long queued) {
		long since = this.writingSince;
		if (since == 0 || this.closed) {
			return;
		}
		long sending = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
		if (sending > this.session.getSendTimeLimit()) {
			cutOff("Send time " + sending + " (ms) for session '" + this.session.getId()
					+ "' exceeded the allowed limit " + this.session.getSendTimeLimit());
		}
		else if (queued + this.session.getBufferSize() > this.session.getBufferSizeLimit()) {
			cutOff("Buffer size " + (queued + this.session.getBufferSize()) + " bytes for session '"
					+ this.session.getId() + "' exceeds the allowed limit " + this.session.getBufferSizeLimit());
		}
	}

	/**
	 * Close a session whose client stopped reading, with Spring's status and log line for
	 * a slow consumer.
	 */
	private void cutOff(String reason) {
		this.closed = true;
		logger.warn("Terminating '" + this.session + "': " + reason);
		try {
			this.session.close(CloseStatus.SESSION_NOT_RELIABLE);
		}
		catch (Exception ex) {
			logger.debug("Failure while closing " + this.session, ex);
		}
	}

	private void write() {
		for (int written = 1;; written++) {
			Message<?> message = this.queue.poll();
			if (message != null) {
				this.queuedBytes.addAndGet(-bytes(message));
				if (!this.closed) {
					write(message);
				}
			}
			if (this.pending.decrementAndGet() == 0) {
				return;
			}
			if (written == RUN_LENGTH) {
				start();
				return;
			}
		}
	}

	private void start() {
		try {
			this.executor.execute(this::write);
		}
		catch (RuntimeException ex) {
			// The executor is shutting down: nothing more will be written.
			this.closed = true;
			throw ex;
		}
	}

	private void write(Message<?> message) {
		this.writingSince = System.nanoTime() | 1;
		try {
			this.writer.write(this.session, message);
		}
		catch (RuntimeException ex) {
			logger.debug("Failed to write a message to " + this.session, ex);
		}
		finally {
			this.writingSince = 0;
		}
	}

	/**
	 * Stop writing: the session is closed.
	 */
	void close() {
		this.closed = true;
	}

	/**
	 * Bytes of a message's frame, as far as they are known before it is encoded: the
	 * encoded frame of a broadcast, or the payload of a message Spring encodes.
	 */
	private static long bytes(Message<?> message) {
		Object payload = message.getPayload();
		if (payload instanceof WebSocketMessage<?> frame) {
			return frame.getPayloadLength();
		}
		return (payload instanceof byte[] bytes) ? bytes.length : 0;
	}

	/**
	 * What writes a message to its session.
	 */
	@FunctionalInterface
	interface Writer {

		void write(DrainBeforeCloseSession session, Message<?> message);

	}

}
