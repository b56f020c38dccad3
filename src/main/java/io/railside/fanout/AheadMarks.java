package io.railside.fanout;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.railside.fanout.Replay.Subscriber;
import io.railside.history.Position;

import org.jspecify.annotations.Nullable;

/**
 * Subscriptions that resumed from a position ahead of this instance's reading of a shared
 * bus (the position came from another instance): their live messages up to that position
 * are skipped, since the client has them. A mark goes with the first message past it, or
 * with its subscription. Usually empty.
 */
final class AheadMarks {

	/** By topic, then by subscription key: the position the client has. */
	private final Map<String, Map<String, Position>> byTopic = new ConcurrentHashMap<>();

	/**
	 * Skip a subscription's live messages up to an offset. Called under the topic's lock.
	 */
	void mark(String destination, String key, Position position) {
		this.byTopic.compute(destination, (name, marks) -> {
			Map<String, Position> kept = (marks != null) ? marks : new ConcurrentHashMap<>();
			kept.put(key, position);
			return kept;
		});
	}

	/**
	 * The marks of a topic. Called under the topic's lock.
	 * @param destination the topic
	 * @return its marks by subscription key, or {@code null} when there are none
	 */
	@Nullable Map<String, Position> of(String destination) {
		return this.byTopic.get(destination);
	}

	/**
	 * Whether a live message is one the client has, forgetting the mark once past it.
	 * Called under the topic's lock.
	 */
	static boolean skips(@Nullable Map<String, Position> marks, String key, String epoch, long offset) {
		if (marks == null) {
			return false;
		}
		Position mark = marks.get(key);
		if (mark == null) {
			return false;
		}
		// A mark of another epoch (the log was created again) says nothing of this one.
		if (mark.epoch().equals(epoch) && offset <= mark.offset()) {
			return true;
		}
		marks.remove(key);
		return false;
	}

	/**
	 * Forget the mark of a subscription that ended.
	 * @param key the subscription's key
	 */
	void forget(String key) {
		forgetWhere((candidate) -> candidate.equals(key));
	}

	/**
	 * Forget the marks of a session that ended.
	 * @param sessionId the session
	 */
	void forgetSession(String sessionId) {
		String prefix = Subscriber.key(sessionId, "");
		forgetWhere((candidate) -> candidate.startsWith(prefix));
	}

	private void forgetWhere(Predicate<String> ended) {
		this.byTopic.forEach((destination, marks) -> {
			marks.keySet().removeIf(ended);
			this.byTopic.computeIfPresent(destination, (name, left) -> left.isEmpty() ? null : left);
		});
	}

}
