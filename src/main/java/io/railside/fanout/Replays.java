package io.railside.fanout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.railside.fanout.Replay.Subscriber;
import org.jspecify.annotations.Nullable;

/**
 * The subscriptions that are resuming, by topic for the publish loop (which holds back
 * their live messages) and by session for UNSUBSCRIBE and DISCONNECT (which end them).
 * Usually empty: a replay lasts as long as its pages take to write.
 */
final class Replays {

	/** By topic, then by {@link Subscriber#key()}. */
	private final Map<String, Map<String, Replay>> byTopic = new ConcurrentHashMap<>();

	/** By session, then by subscription id. */
	private final Map<String, Map<String, Replay>> bySession = new ConcurrentHashMap<>();

	/**
	 * The resuming subscriptions of a topic. Called under the topic's lock.
	 * @param destination the topic
	 * @return them by {@link Subscriber#key()}, or {@code null} when there are none
	 */
	@Nullable Map<String, Replay> of(String destination) {
		return this.byTopic.get(destination);
	}

	void add(String destination, Subscriber subscriber, Replay replay) {
		this.byTopic.computeIfAbsent(destination, (name) -> new ConcurrentHashMap<>()).put(subscriber.key(), replay);
		this.bySession.computeIfAbsent(subscriber.sessionId(), (id) -> new ConcurrentHashMap<>())
			.put(subscriber.subscriptionId(), replay);
	}

	void remove(String destination, Subscriber subscriber) {
		this.byTopic.computeIfPresent(destination, (name, replays) -> {
			replays.remove(subscriber.key());
			return replays.isEmpty() ? null : replays;
		});
		this.bySession.computeIfPresent(subscriber.sessionId(), (id, replays) -> {
			replays.remove(subscriber.subscriptionId());
			return replays.isEmpty() ? null : replays;
		});
	}

	/**
	 * End the replay of a subscription that ended.
	 * @param sessionId its session
	 * @param subscriptionId its id
	 */
	void cancel(String sessionId, String subscriptionId) {
		Map<String, Replay> replays = this.bySession.get(sessionId);
		Replay replay = (replays != null) ? replays.get(subscriptionId) : null;
		if (replay != null) {
			replay.cancel();
		}
	}

	/**
	 * End the replays of a session that ended.
	 * @param sessionId the session
	 */
	void cancelAll(String sessionId) {
		Map<String, Replay> replays = this.bySession.get(sessionId);
		if (replays != null) {
			List.copyOf(replays.values()).forEach(Replay::cancel);
		}
	}

}
