package io.railside.limits;

import java.security.Principal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.railside.stomp.FrameRule;
import io.railside.refusal.Refusal;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Caps the sessions one authenticated user holds at once, so that a single token, however
 * many addresses it is used from, cannot take the places of others. It runs right after
 * authentication on CONNECT; a CONNECT past the cap ends with {@code limit.sessions}.
 * Open mode has no users: there the per-address limit stands in.
 */
class UserSessionLimit implements FrameRule {

	private static final String ENDED = UserSessionLimit.class.getName() + ".ended";

	private final Map<String, Set<String>> sessions = new ConcurrentHashMap<>();

	private final int maxPerUser;

	UserSessionLimit(int maxPerUser) {
		this.maxPerUser = maxPerUser;
	}

	@Override
	public Step step() {
		return Step.USER_SESSIONS;
	}

	@Override
	public @Nullable Refusal check(StompHeaderAccessor frame) {
		StompCommand command = frame.getCommand();
		Principal user = frame.getUser();
		String sessionId = frame.getSessionId();
		if ((command != StompCommand.CONNECT && command != StompCommand.STOMP) || user == null || sessionId == null) {
			return null;
		}
		boolean[] full = new boolean[1];
		// Per user, atomically: a set emptied by a disconnect is never written after it
		// left the map.
		this.sessions.compute(user.getName(), (name, held) -> {
			Set<String> now = (held != null) ? held : new HashSet<>();
			full[0] = !now.contains(sessionId) && now.size() >= this.maxPerUser;
			if (!full[0]) {
				now.add(sessionId);
			}
			return now;
		});
		Map<String, Object> attributes = frame.getSessionAttributes();
		if (attributes != null && attributes.containsKey(ENDED)) {
			release(user.getName(), sessionId);
			return null;
		}
		if (full[0]) {
			return Refusal.ofSession("limit.sessions", "This user already holds " + this.maxPerUser
					+ " sessions, the most allowed: close one before opening another.");
		}
		return null;
	}

	@EventListener
	void onDisconnect(SessionDisconnectEvent event) {
		// Spring publishes this as the socket closes, and a CONNECT still queued behind
		// other frames may be checked after it: such a CONNECT must not take a place.
		Map<String, Object> attributes = SimpMessageHeaderAccessor
			.getSessionAttributes(event.getMessage().getHeaders());
		if (attributes != null) {
			attributes.put(ENDED, Boolean.TRUE);
		}
		Principal user = event.getUser();
		if (user != null) {
			release(user.getName(), event.getSessionId());
		}
	}

	private void release(String user, String sessionId) {
		this.sessions.computeIfPresent(user, (name, held) -> {
			held.remove(sessionId);
			return held.isEmpty() ? null : held;
		});
	}

	int held(String user) {
		Set<String> held = this.sessions.get(user);
		return (held != null) ? held.size() : 0;
	}

}
