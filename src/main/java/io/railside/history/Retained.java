package io.railside.history;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One message a topic keeps, with its offset, publish time and size. It is dropped once,
 * by whichever bound reaches it first (the topic's count or age, or the memory budget).
 *
 * @param <M> what the broker delivers it from
 */
public final class Retained<M> {

	private final long offset;

	private final long publishedAt;

	private final M message;

	private final int bytes;

	private final AtomicBoolean dropped = new AtomicBoolean();

	Retained(long offset, long publishedAt, M message, int bytes) {
		this.offset = offset;
		this.publishedAt = publishedAt;
		this.message = message;
		this.bytes = bytes;
	}

	public long offset() {
		return this.offset;
	}

	/**
	 * When the message was published.
	 * @return milliseconds since the Unix epoch
	 */
	public long publishedAt() {
		return this.publishedAt;
	}

	public M message() {
		return this.message;
	}

	public int bytes() {
		return this.bytes;
	}

	/**
	 * Mark the message dropped.
	 * @return whether this call dropped it (and so must give back its bytes)
	 */
	boolean drop() {
		return this.dropped.compareAndSet(false, true);
	}

	boolean isDropped() {
		return this.dropped.get();
	}

}
