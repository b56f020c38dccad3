package io.railside.fanout;

import java.util.ArrayDeque;
import java.util.List;

import io.railside.history.History;
import io.railside.history.Retained;
import io.railside.history.TopicHistory;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * One resuming subscription: the messages it missed, then the live messages that arrived
 * meanwhile, sent a page at a time as the session's send buffer drains, and then the live
 * stream. Every step runs under the topic's lock, so that no live message overtakes the
 * replay or slips between its last page and the live stream. Live messages held back are
 * bounded; a client that falls further behind is cut off as a slow consumer, and gets no
 * further message on this subscription.
 */
final class Replay {

	private static final int PAGE_MESSAGES = 100;

	private final TopicHistory<Broadcast> topic;

	private final History<Broadcast> history;

	private final SubscriberChannel channel;

	private final String sessionId;

	private final String subscriptionId;

	private final ReplayPacing pacing;

	private final Runnable onEnd;

	private final @Nullable Message<?> whenReplayed;

	private final ArrayDeque<Retained<Broadcast>> pending;

	private final int maxHeld;

	/** How many of the pending messages are missed ones; the rest were held back live. */
	private int missedLeft;

	private long lastSent;

	private boolean ended;

	Replay(Subscriber subscriber, TopicHistory<Broadcast> topic, History<Broadcast> history,
			List<Retained<Broadcast>> missed, int maxHeld, ReplayPacing pacing, Runnable onEnd) {
		this(subscriber, topic, history, missed, maxHeld, pacing, onEnd, null);
	}

	Replay(Subscriber subscriber, TopicHistory<Broadcast> topic, History<Broadcast> history,
			List<Retained<Broadcast>> missed, int maxHeld, ReplayPacing pacing, Runnable onEnd,
			@Nullable Message<?> whenReplayed) {
		this.topic = topic;
		this.history = history;
		this.channel = subscriber.channel();
		this.sessionId = subscriber.sessionId();
		this.subscriptionId = subscriber.subscriptionId();
		this.pacing = pacing;
		this.onEnd = onEnd;
		this.whenReplayed = whenReplayed;
		this.pending = new ArrayDeque<>(missed);
		this.missedLeft = missed.size();
		this.maxHeld = maxHeld;
		topic.startReplay();
	}

	/**
	 * Hold back a live message until the replay has sent what came before it. Called
	 * under the topic's lock.
	 * @param message the live message
	 */
	void hold(Retained<Broadcast> message) {
		if (this.ended) {
			return;
		}
		if (this.pending.size() - this.missedLeft >= this.maxHeld) {
			// Stay in the way of the live messages until the session is gone: delivered
			// after the gap, they would move the client's position past the messages it
			// never got, and its next resume would skip them.
			stop();
			this.pacing.cutOff(this.sessionId);
			return;
		}
		this.pending.addLast(message);
	}

	/**
	 * Queue the next page; the page's last message carries the call for the one after.
	 * When nothing is left, the subscription joins the live stream.
	 */
	void nextPage() {
		synchronized (this.topic) {
			if (this.ended) {
				return;
			}
			int pageBytes = this.pacing.pageBytes();
			int bytes = 0;
			int sent = 0;
			Retained<Broadcast> message;
			while ((message = this.pending.pollFirst()) != null) {
				this.missedLeft = Math.max(0, this.missedLeft - 1);
				if (message.offset() <= this.lastSent) {
					continue;
				}
				bytes += message.bytes();
				sent++;
				boolean pageFull = sent >= PAGE_MESSAGES || bytes >= pageBytes;
				send(message, pageFull && !this.pending.isEmpty());
				if (pageFull) {
					break;
				}
			}
			this.history.countReplayed(sent);
			if (this.pending.isEmpty()) {
				end();
			}
		}
	}

	private void send(Retained<Broadcast> message, boolean lastOfPage) {
		Message<?> copy = message.message()
			.to(this.sessionId, this.subscriptionId, this.history.epoch(), message.offset());
		if (lastOfPage) {
			MessageHeaderAccessor headers = MessageHeaderAccessor.getAccessor(copy, MessageHeaderAccessor.class);
			if (headers != null) {
				headers.setHeader(ReplayPacing.AFTER_WRITE_HEADER, (Runnable) this::nextPage);
			}
		}
		this.lastSent = message.offset();
		this.channel.deliver(copy);
	}

	/**
	 * Stop: the subscription or its session ended.
	 */
	void cancel() {
		synchronized (this.topic) {
			if (!this.ended) {
				stop();
			}
			this.onEnd.run();
		}
	}

	private void end() {
		stop();
		if (this.whenReplayed != null) {
			this.channel.deliver(this.whenReplayed);
		}
		this.onEnd.run();
	}

	private void stop() {
		this.ended = true;
		this.pending.clear();
		this.topic.endReplay();
	}

	/**
	 * A subscription and the channel to its session.
	 */
	record Subscriber(SubscriberChannel channel, String sessionId, String subscriptionId) {

		String key() {
			return key(this.sessionId, this.subscriptionId);
		}

		static String key(String sessionId, String subscriptionId) {
			return sessionId + '\0' + subscriptionId;
		}

	}

}
