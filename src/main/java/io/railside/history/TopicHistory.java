package io.railside.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import io.railside.history.Resume.Outcome;

/**
 * One topic's recent messages and last position. Callers hold its lock (through
 * {@link History#withTopic}) across "assign an offset, keep the message, deliver it" and
 * across "register a subscription, take what it must replay", so that a resuming
 * subscription sees each message once: in its replay or live, never both, never neither.
 *
 * @param <M> what the broker delivers messages from
 */
public final class TopicHistory<M> {

	private final History<M> history;

	private final ArrayDeque<Retained<M>> messages = new ArrayDeque<>();

	private long lastOffset;

	/** The offset of the newest message this topic no longer has. */
	private long droppedThrough;

	/**
	 * Until when messages of this topic may be missing here, in milliseconds since the
	 * Unix epoch: the newest dropped message's time, or when its history began.
	 */
	private long droppedAt;

	private long lastActivity;

	private boolean published;

	private int replays;

	private boolean removed;

	TopicHistory(History<M> history, long droppedThrough, long droppedAt, long now) {
		this.history = history;
		this.droppedThrough = droppedThrough;
		this.droppedAt = droppedAt;
		this.lastOffset = droppedThrough;
		this.lastActivity = now;
	}

	/**
	 * Give a message the next offset and keep it.
	 * @param message what to deliver it from
	 * @param bytes its size
	 * @return the kept message
	 */
	public synchronized Retained<M> append(M message, int bytes) {
		return keep(new Retained<>(this.history.nextOffset(), this.history.now(), message, bytes));
	}

	/**
	 * Keep a message that has its offset already, from a log that other instances share.
	 * A message older than the history keeps is not kept, but still moves the topic's
	 * position.
	 * @param message what to deliver it from
	 * @param bytes its size
	 * @param offset its offset in the log, above every offset this topic has seen
	 * @param publishedAt when the log took it, in milliseconds since the Unix epoch
	 * @return the kept message
	 */
	public synchronized Retained<M> append(M message, int bytes, long offset, long publishedAt) {
		this.history.observe(offset);
		return keep(new Retained<>(offset, publishedAt, message, bytes));
	}

	private Retained<M> keep(Retained<M> retained) {
		this.lastOffset = retained.offset();
		this.lastActivity = Math.max(this.lastActivity, retained.publishedAt());
		this.published = true;
		this.messages.addLast(retained);
		this.history.budget().add(retained);
		while (this.messages.size() > this.history.properties().size()) {
			drop(this.messages.pollFirst());
		}
		trim(this.history.now());
		return retained;
	}

	/**
	 * Decide whether a subscription can resume after a position, and what it must replay.
	 * @param epoch the epoch of the client's position
	 * @param after the offset of the last message the client has
	 * @return the outcome, with the messages to replay when recovered
	 */
	public synchronized Resume<M> resume(String epoch, long after) {
		long now = this.history.now();
		this.lastActivity = now;
		trim(now);
		Outcome outcome = decide(epoch, after);
		List<Retained<M>> replay = (outcome == Outcome.RECOVERED) ? after(after) : List.of();
		if (outcome == Outcome.RECOVERED && exceedsReplay(replay)) {
			outcome = Outcome.TOO_MANY;
			replay = List.of();
		}
		this.history.count(outcome);
		return new Resume<>(outcome, position(), replay);
	}

	/**
	 * Decide a resume by time rather than position, as AnyCable's clients ask on a first
	 * subscribe ({@code since} the page was rendered): every message published since then
	 * follows, if this topic still has them all.
	 * @param since the time, in milliseconds since the Unix epoch
	 * @return whether it recovers (or why not), the topic's position, and what to replay
	 */
	public synchronized Resume<M> resumeSince(long since) {
		long now = this.history.now();
		this.lastActivity = now;
		trim(now);
		Outcome outcome = (since > this.droppedAt) ? Outcome.RECOVERED : Outcome.TOO_OLD;
		List<Retained<M>> replay = (outcome == Outcome.RECOVERED) ? publishedSince(since) : List.of();
		if (outcome == Outcome.RECOVERED && exceedsReplay(replay)) {
			outcome = Outcome.TOO_MANY;
			replay = List.of();
		}
		this.history.count(outcome);
		return new Resume<>(outcome, position(), replay);
	}

	private List<Retained<M>> publishedSince(long since) {
		List<Retained<M>> replay = new ArrayList<>();
		for (Retained<M> message : this.messages) {
			if (message.publishedAt() >= since && !message.isDropped()) {
				replay.add(message);
			}
		}
		return replay.isEmpty() ? List.of() : Collections.unmodifiableList(replay);
	}

	private Outcome decide(String epoch, long after) {
		// In a shared log, a position from another instance may be ahead of this one's
		// reading: the broker skips the live messages up to it.
		if (!this.history.epoch().equals(epoch) || (after > this.history.lastOffset() && !this.history.isShared())) {
			return Outcome.EPOCH;
		}
		return (after < this.droppedThrough) ? Outcome.TOO_OLD : Outcome.RECOVERED;
	}

	private List<Retained<M>> after(long offset) {
		int count = 0;
		Iterator<Retained<M>> newestFirst = this.messages.descendingIterator();
		while (newestFirst.hasNext() && newestFirst.next().offset() > offset) {
			count++;
		}
		if (count == 0) {
			return List.of();
		}
		List<Retained<M>> replay = new ArrayList<>(count);
		Iterator<Retained<M>> oldestFirst = this.messages.iterator();
		for (int skip = this.messages.size() - count; skip > 0; skip--) {
			oldestFirst.next();
		}
		oldestFirst.forEachRemaining(replay::add);
		return Collections.unmodifiableList(replay);
	}

	private boolean exceedsReplay(List<Retained<M>> replay) {
		if (replay.size() > this.history.properties().replayMessages()) {
			return true;
		}
		long bytes = 0;
		for (Retained<M> message : replay) {
			bytes += message.bytes();
		}
		return bytes > this.history.properties().replayBytes().toBytes();
	}

	/**
	 * The topic's current position: the offset of its last message, or, before any, a
	 * position that every later message follows.
	 * @return the position
	 */
	public synchronized Position position() {
		return new Position(this.history.epoch(), this.lastOffset);
	}

	/**
	 * Say that this topic may have had messages up to an offset that it never saw (a gap
	 * in a shared log), so that no resume from before it recovers.
	 * @param floor the offset of the last message that may be missing
	 */
	synchronized void raiseFloor(long floor, long now) {
		this.droppedThrough = Math.max(this.droppedThrough, floor);
		this.droppedAt = Math.max(this.droppedAt, now);
		this.lastOffset = Math.max(this.lastOffset, floor);
	}

	/**
	 * Keep this topic while a replay reads from it.
	 */
	public synchronized void startReplay() {
		this.replays++;
	}

	/**
	 * A replay is over.
	 */
	public synchronized void endReplay() {
		this.replays--;
	}

	/**
	 * Drop messages the memory budget took or that aged out; forget the topic when it has
	 * nothing left to say, its last offset handed over first, all under its lock.
	 * @param now the time, in milliseconds since the Unix epoch
	 * @param forget what keeps a forgotten topic's last offset and removes the topic
	 */
	synchronized void sweep(long now, Forgetting forget) {
		trim(now);
		if (this.messages.isEmpty() && this.replays == 0
				&& (!this.published || now - this.lastActivity > this.history.properties().metaTtl().toMillis())) {
			forget.forget(this.lastOffset, this.droppedAt);
			this.removed = true;
		}
	}

	/**
	 * Forget the topic, messages and all, since the history holds too many topics; not
	 * while a replay reads from it.
	 * @param forget what keeps a forgotten topic's last offset and removes the topic
	 */
	synchronized void evict(Forgetting forget) {
		if (this.replays > 0 || this.removed) {
			return;
		}
		while (!this.messages.isEmpty()) {
			drop(this.messages.pollFirst());
		}
		forget.forget(this.lastOffset, this.droppedAt);
		this.removed = true;
	}

	synchronized long lastActivity() {
		return this.lastActivity;
	}

	synchronized boolean isRemoved() {
		return this.removed;
	}

	synchronized long lastOffset() {
		return this.lastOffset;
	}

	private void trim(long now) {
		long cutoff = now - this.history.properties().ttl().toMillis();
		Retained<M> oldest;
		while ((oldest = this.messages.peekFirst()) != null && (oldest.isDropped() || oldest.publishedAt() < cutoff)) {
			drop(this.messages.pollFirst());
		}
	}

	private void drop(Retained<M> message) {
		this.history.budget().drop(message);
		this.droppedThrough = Math.max(this.droppedThrough, message.offset());
		this.droppedAt = Math.max(this.droppedAt, message.publishedAt());
	}

	/**
	 * What keeps a forgotten topic's last offset, and until when its messages may be
	 * missing, and removes the topic.
	 */
	interface Forgetting {

		void forget(long lastOffset, long droppedAt);

	}

}
