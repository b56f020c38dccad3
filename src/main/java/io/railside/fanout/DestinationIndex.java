package io.railside.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.broker.AbstractSubscriptionRegistry;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.PathMatcher;

/**
 * The broker's subscriptions, indexed by destination. Spring's registry finds a
 * destination's subscribers by going through every subscription of every session and
 * caches the answer for 1,024 destinations: with thousands of topics (a stream per user
 * or per record, as Rails apps have) each new topic costs a pass over all subscriptions.
 * Here a destination's subscribers are kept with it as they subscribe, and a message
 * finds them with one lookup.
 * <p>
 * Each destination's subscribers are an immutable map replaced on every change, so a
 * broadcast iterates over what was subscribed when it began. Pattern destinations (which
 * Railside's destination rules refuse, but Spring's broker would take) are matched by
 * going through the patterns alone. Selectors are not supported, as Railside refuses
 * them.
 */
final class DestinationIndex extends AbstractSubscriptionRegistry {

	private static final MultiValueMap<String, String> NONE = CollectionUtils
		.unmodifiableMultiValueMap(new LinkedMultiValueMap<>());

	private final PathMatcher matcher = new AntPathMatcher();

	/** Destination -> session -> subscription ids, each value replaced, never changed. */
	private final Map<String, LinkedMultiValueMap<String, String>> byDestination = new ConcurrentHashMap<>();

	/** Session -> subscription id -> destination. */
	private final Map<String, Map<String, String>> bySession = new ConcurrentHashMap<>();

	private final Map<String, String> patterns = new ConcurrentHashMap<>();

	@Override
	protected void addSubscriptionInternal(String sessionId, String subscriptionId, String destination,
			Message<?> message) {
		String previous = this.bySession.computeIfAbsent(sessionId, (key) -> new ConcurrentHashMap<>())
			.put(subscriptionId, destination);
		if (previous != null) {
			remove(previous, sessionId, subscriptionId);
		}
		if (this.matcher.isPattern(destination)) {
			this.patterns.put(sessionId + '\n' + subscriptionId, destination);
		}
		this.byDestination.compute(destination, (key, subscribers) -> {
			LinkedMultiValueMap<String, String> changed = (subscribers != null) ? subscribers.clone()
					: new LinkedMultiValueMap<>();
			List<String> ids = changed.get(sessionId);
			if (ids == null) {
				changed.put(sessionId, List.of(subscriptionId));
			}
			else if (!ids.contains(subscriptionId)) {
				List<String> more = new ArrayList<>(ids);
				more.add(subscriptionId);
				changed.put(sessionId, List.copyOf(more));
			}
			return changed;
		});
	}

	@Override
	protected void removeSubscriptionInternal(String sessionId, String subscriptionId, Message<?> message) {
		Map<String, String> subscriptions = this.bySession.get(sessionId);
		String destination = (subscriptions != null) ? subscriptions.remove(subscriptionId) : null;
		if (destination != null) {
			remove(destination, sessionId, subscriptionId);
		}
	}

	@Override
	public void unregisterAllSubscriptions(String sessionId) {
		Map<String, String> subscriptions = this.bySession.remove(sessionId);
		if (subscriptions != null) {
			subscriptions.forEach((subscriptionId, destination) -> remove(destination, sessionId, subscriptionId));
		}
	}

	private void remove(String destination, String sessionId, String subscriptionId) {
		this.patterns.remove(sessionId + '\n' + subscriptionId, destination);
		this.byDestination.computeIfPresent(destination, (key, subscribers) -> {
			List<String> ids = subscribers.get(sessionId);
			if (ids == null || !ids.contains(subscriptionId)) {
				return subscribers;
			}
			LinkedMultiValueMap<String, String> changed = subscribers.clone();
			List<String> left = new ArrayList<>(ids);
			left.remove(subscriptionId);
			if (left.isEmpty()) {
				changed.remove(sessionId);
			}
			else {
				changed.put(sessionId, List.copyOf(left));
			}
			return changed.isEmpty() ? null : changed;
		});
	}

	@Override
	protected MultiValueMap<String, String> findSubscriptionsInternal(String destination, Message<?> message) {
		LinkedMultiValueMap<String, String> exact = this.byDestination.get(destination);
		if (this.patterns.isEmpty()) {
			return (exact != null) ? exact : NONE;
		}
		return withPatterns(destination, exact);
	}

	private MultiValueMap<String, String> withPatterns(String destination,
			@Nullable LinkedMultiValueMap<String, String> exact) {
		LinkedMultiValueMap<String, String> all = (exact != null) ? exact.deepCopy() : new LinkedMultiValueMap<>();
		this.patterns.forEach((key, pattern) -> {
			if (this.matcher.match(pattern, destination)) {
				LinkedMultiValueMap<String, String> subscribers = this.byDestination.get(pattern);
				if (subscribers != null) {
					subscribers.forEach((sessionId, ids) -> ids.forEach((id) -> {
						List<String> present = all.get(sessionId);
						if (present == null || !present.contains(id)) {
							all.add(sessionId, id);
						}
					}));
				}
			}
		});
		return all;
	}

}
