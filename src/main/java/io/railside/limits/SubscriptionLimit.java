package io.railside.limits;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.railside.stomp.FrameRule;
import io.railside.refusal.Refusal;
import io.railside.refusal.Refusal.Ends;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Counts each session's subscriptions by id (UNSUBSCRIBE gives one back) and ends a
 * session that asks for more than the limit with {@code limit.subscriptions}. It runs
 * last, so only subscriptions that every other rule allowed are counted.
 * <p>
 * An id is one subscription, so the count bounds what a session holds only if an id
 * cannot be used again while it is in use: STOMP 1.2 requires ids to be unique per
 * connection, and a SUBSCRIBE with an id in use ends the session with {@code bad_frame}.
 * (Railside's broker now indexes subscriptions itself, in {@code DestinationIndex}, but
 * the rule stands.) Spring's in-memory registry would keep the first destination of the
 * id, yet add the session to the cached subscribers of a later one, where neither
 * UNSUBSCRIBE nor the session's end removes it (spring-framework#32625 reports the like
 * for an id subscribed twice to one destination): a client could grow those lists without
 * bound, one reconnect at a time.
 */
class SubscriptionLimit implements FrameRule {

	private static final String IDS = SubscriptionLimit.class.getName() + ".ids";

	private final int maxSubscriptions;

	SubscriptionLimit(int maxSubscriptions) {
		this.maxSubscriptions = maxSubscriptions;
	}

	@Override
	public Step step() {
		return Step.SUBSCRIPTIONS;
	}

	@Override
	public @Nullable Refusal check(StompHeaderAccessor frame) {
		Map<String, Object> attributes = frame.getSessionAttributes();
		String id = frame.getSubscriptionId();
		if (attributes == null || id == null) {
			return null;
		}
		@SuppressWarnings("unchecked")
		Set<String> ids = (Set<String>) attributes.computeIfAbsent(IDS, (key) -> ConcurrentHashMap.newKeySet());
		if (frame.getCommand() == StompCommand.UNSUBSCRIBE) {
			ids.remove(id);
		}
		else if (frame.getCommand() == StompCommand.SUBSCRIBE) {
			if (!ids.add(id)) {
				return Refusal.badFrame("That subscription id is already in use on this connection.");
			}
			if (ids.size() > this.maxSubscriptions) {
				// Refused, it holds no place: a protocol that ends only the subscription
				// lets the client go on.
				ids.remove(id);
				return new Refusal("limit.subscriptions",
						"A session may hold at most " + this.maxSubscriptions + " subscriptions.", Ends.SUBSCRIPTION);
			}
		}
		return null;
	}

}
