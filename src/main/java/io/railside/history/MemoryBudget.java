package io.railside.history;

import java.util.ArrayDeque;

/**
 * The bytes all topics' messages take together, and their order across topics, so that
 * the oldest message goes first whatever its topic, when the budget is spent or the
 * message has aged out. Topics drop their own messages too (by count); those stay in the
 * order as dead entries until they reach its head or a compaction, so the order never
 * holds more than a constant factor of what is live.
 */
final class MemoryBudget {

	private static final int COMPACTION_THRESHOLD = 1024;

	private final long limit;

	private final ArrayDeque<Retained<?>> order = new ArrayDeque<>();

	private long bytes;

	private int dead;

	MemoryBudget(long limit) {
		this.limit = limit;
	}

	/**
	 * Take a new message, dropping the oldest while the budget is spent.
	 * @param message the message a topic has just kept
	 */
	synchronized void add(Retained<?> message) {
		this.order.addLast(message);
		this.bytes += message.bytes();
		evict(Long.MIN_VALUE);
	}

	/**
	 * Drop a message for its topic (by count or age) and give back its bytes, unless the
	 * budget dropped it first.
	 * @param message the message
	 */
	synchronized void drop(Retained<?> message) {
		if (!message.drop()) {
			return;
		}
		this.bytes -= message.bytes();
		this.dead++;
		if (this.dead > COMPACTION_THRESHOLD && this.dead > this.order.size() / 2) {
			this.order.removeIf(Retained::isDropped);
			this.dead = 0;
		}
	}

	/**
	 * Drop the oldest messages while the budget is spent or they were published before
	 * the cutoff. Their topics notice when they next look at them.
	 * @param publishedBefore the cutoff, in milliseconds since the Unix epoch
	 */
	synchronized void evict(long publishedBefore) {
		Retained<?> oldest;
		while ((oldest = this.order.peekFirst()) != null
				&& (this.bytes > this.limit || oldest.publishedAt() < publishedBefore || oldest.isDropped())) {
			this.order.pollFirst();
			if (oldest.drop()) {
				this.bytes -= oldest.bytes();
			}
			else {
				this.dead--;
			}
		}
	}

	synchronized long bytes() {
		return this.bytes;
	}

	synchronized int messages() {
		return this.order.size() - this.dead;
	}

}
