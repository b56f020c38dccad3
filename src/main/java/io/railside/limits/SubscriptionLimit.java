package io.railside.limits;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.railside.stomp.FrameRule;
import io.railside.stomp.StompRejection;

import org.springframework.core.Ordered;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Counts each session's subscriptions by id (UNSUBSCRIBE gives one back) and ends a
 * session that asks for more than the limit with {@code limit.subscriptions}. It runs
 * last, so only subscriptions that every other rule allowed are counted.
 */
class SubscriptionLimit implements FrameRule, Ordered {

	private static final String IDS = SubscriptionLimit.class.getName() + ".ids";

	private final int maxSubscriptions;

	SubscriptionLimit(int maxSubscriptions) {
		this.maxSubscriptions = maxSubscriptions;
	}

	@Override
	public int getOrder() {
		return 1000;
	}

	@Override
	public @Nullable StompRejection check(StompHeaderAccessor frame) {
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
		else if (frame.getCommand() == StompCommand.SUBSCRIBE && ids.add(id) && ids.size() > this.maxSubscriptions) {
			return new StompRejection("limit.subscriptions",
					"A session may hold at most " + this.maxSubscriptions + " subscriptions.");
		}
		return null;
	}

}
