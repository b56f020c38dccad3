package io.railside.stomp;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.railside.fanout.FrameCounts;
import io.railside.fanout.FrameOutbox;
import org.jspecify.annotations.Nullable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.AbstractMessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

/**
 * One session's messages from the broker, written in the order they were sent, by one
 * task at a time on the outbound channel's threads: a task runs while the outbox has
 * messages (a bounded run, then it yields to other sessions). Spring's ordered outbound
 * channel instead hands each frame to the executor as its own task, and looks its session
 * up again for each.
 * <p>
 * The outbound channel's interceptors (the frame counter) see every message when it is
 * sent, as they would on that channel; a broadcast's copy, which the fan-out hands over
 * as its frame alone ({@link FrameOutbox}), is counted by the interceptors that count
 * frames. The send buffer's limits hold as in Spring's session decorator: while a write
 * to the session is under way, a client whose write has taken longer than the send time
 * limit, or whose queued frames pass the buffer limit, is cut off as a slow consumer, and
 * what was queued for it is dropped.
 */
final class SessionOutbox extends AbstractMessageChannel implements FrameOutbox {

	private static final Log logger = LogFactory.getLog(SessionOutbox.class);

	/** Messages one task writes before it makes way for other sessions. */
	private static final int RUN_LENGTH = 64;

	private final DrainBeforeCloseSession session;

	private final Executor executor;

	private final Writer writer;

	/** Messages, and broadcasts' copies as their frames. */
	private final Queue<Object> queue = new ConcurrentLinkedQueue<>();

	private final List<FrameCounts> counts = new ArrayList<>();

	/** Messages sent and not yet written; the one that makes it 1 starts a task. */
	private final AtomicInteger pending = new AtomicInteger();

	private final AtomicLong queuedBytes = new AtomicLong();

	/** When the write under way began ({@link System#nanoTime()}), or 0. */
	private volatile long writingSince;

	private volatile @Nullable Thread writingThread;

	private final AtomicBoolean closed = new AtomicBoolean();

	SessionOutbox(DrainBeforeCloseSession session, Executor executor, Iterable<ChannelInterceptor> interceptors,
			Writer writer) {
		this.session = session;
		this.executor = executor;
		this.writer = writer;
		for (ChannelInterceptor interceptor : interceptors) {
			// Executor interceptors (Spring's ordered channel's callback is one) run
			// around the channel's own handler tasks; the outbox's writes are not those.
			if (!(interceptor instanceof ExecutorChannelInterceptor)) {
				addInterceptor(interceptor);
			}
			if (interceptor instanceof FrameCounts frameCounts) {
				this.counts.add(frameCounts);
			}
		}
		setBeanName("outbox-" + session.getId());
	}

	@Override
	protected boolean sendInternal(Message<?> message, long timeout) {
		return queue(message);
	}

	@Override
	public boolean sendFrame(TextMessage frame, boolean cable) {
		if (!queue(frame)) {
			return false;
		}
		for (FrameCounts frameCounts : this.counts) {
			frameCounts.countCopy(cable);
		}
		return true;
	}

	private boolean queue(Object item) {
		if (this.closed.get()) {
			return false;
		}
		long queued = this.queuedBytes.addAndGet(bytes(item));
		this.queue.add(item);
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
		// The writing thread itself queues a replay's next page once a write is done: no
		// write is waiting then.
		if (since == 0 || this.closed.get() || Thread.currentThread() == this.writingThread) {
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
	 * a slow consumer, once. The close runs on the outbound executor, as Spring's does:
	 * the sender may hold a topic's lock, and the close waits for the stuck write.
	 */
	private void cutOff(String reason) {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		Runnable close = () -> {
			logger.warn("Terminating '" + this.session + "': " + reason);
			try {
				this.session.close(CloseStatus.SESSION_NOT_RELIABLE);
			}
			catch (Exception ex) {
				logger.debug("Failure while closing " + this.session, ex);
			}
		};
		try {
			this.executor.execute(close);
		}
		catch (RuntimeException ex) {
			close.run();
		}
	}

	/**
	 * Write what waits, one bounded run. Broadcast frames that wait together go as one
	 * batch ({@link BatchingSession}): one socket write for several frames when a
	 * subscriber is behind, each still a WebSocket message of its own.
	 */
	private void write() {
		int written = 0;
		while (true) {
			Object item = this.queue.poll();
			written++;
			if (item != null) {
				this.queuedBytes.addAndGet(-bytes(item));
				if (!this.closed.get()) {
					Object next = (item instanceof TextMessage frame) ? gather(frame, RUN_LENGTH - written) : item;
					write(next);
					if (next instanceof BatchingSession.Batch batch) {
						written += batch.frames().size() - 1;
					}
				}
			}
			if (this.pending.decrementAndGet() == 0) {
				return;
			}
			if (written >= RUN_LENGTH) {
				start();
				return;
			}
		}
	}

	/**
	 * A frame, with the frames that wait after it in one batch when the session takes
	 * batches. Each frame taken counts as written: the count never falls to zero here, as
	 * a frame is taken only while another one waits.
	 * @param first the frame taken
	 * @param most how many more frames this run may take
	 */
	private WebSocketMessage<?> gather(TextMessage first, int most) {
		if (this.session.batchBytes() <= 0) {
			return first;
		}
		// Even a frame alone goes as a batch (of one): the session writes it as its
		// bytes.
		List<TextMessage> frames = new ArrayList<>(2);
		frames.add(first);
		int room = this.session.batchBytes() - BatchingSession.Batch.bytesOf(first);
		int bytes = first.getPayloadLength();
		while (frames.size() <= most && this.pending.get() > 1 && this.queue.peek() instanceof TextMessage next
				&& BatchingSession.Batch.bytesOf(next) <= room) {
			this.queue.poll();
			this.queuedBytes.addAndGet(-next.getPayloadLength());
			this.pending.decrementAndGet();
			frames.add(next);
			room -= BatchingSession.Batch.bytesOf(next);
			bytes += next.getPayloadLength();
		}
		return new BatchingSession.Batch(frames, bytes);
	}

	private void start() {
		try {
			this.executor.execute(this::write);
		}
		catch (RuntimeException ex) {
			// The executor is shutting down: nothing more will be written.
			this.closed.set(true);
			throw ex;
		}
	}

	private void write(Object item) {
		this.writingThread = Thread.currentThread();
		this.writingSince = System.nanoTime() | 1;
		try {
			if (item instanceof WebSocketMessage<?> frame) {
				this.writer.write(this.session, frame);
			}
			else {
				this.writer.write(this.session, (Message<?>) item);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Failed to write a message to " + this.session, ex);
		}
		finally {
			this.writingSince = 0;
			this.writingThread = null;
		}
	}

	/**
	 * Stop writing: the session is closed.
	 */
	void close() {
		this.closed.set(true);
	}

	/**
	 * Bytes waiting in the outbox, for the session's replay pacing.
	 * @return the bytes queued and not yet written
	 */
	long queuedBytes() {
		return this.queuedBytes.get();
	}

	/**
	 * Bytes of a message's frame, as far as they are known before it is encoded: the
	 * encoded frame of a broadcast, or the payload of a message Spring encodes.
	 */
	private static long bytes(Object item) {
		Object payload = (item instanceof Message<?> message) ? message.getPayload() : item;
		if (payload instanceof WebSocketMessage<?> frame) {
			return frame.getPayloadLength();
		}
		return (payload instanceof byte[] bytes) ? bytes.length : 0;
	}

	/**
	 * What writes to the session: a message through its protocol's handler, a frame as it
	 * is.
	 */
	interface Writer {

		void write(DrainBeforeCloseSession session, Message<?> message);

		void write(DrainBeforeCloseSession session, WebSocketMessage<?> frame);

	}

}
