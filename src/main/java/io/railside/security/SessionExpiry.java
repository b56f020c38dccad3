package io.railside.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import io.railside.stomp.StompRefusals;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Ends each authenticated session with ERROR {@code auth.expired} when its token expires
 * (allowing the same clock skew as the check on CONNECT), so a stolen or revoked token
 * stops working within its lifetime. The client reconnects with a fresh token.
 */
class SessionExpiry {

	private final TaskScheduler scheduler;

	private final StompRefusals refusals;

	private final Duration clockSkew;

	private final Map<String, ScheduledFuture<?>> expiries = new ConcurrentHashMap<>();

	SessionExpiry(TaskScheduler scheduler, StompRefusals refusals, Duration clockSkew) {
		this.scheduler = scheduler;
		this.refusals = refusals;
		this.clockSkew = clockSkew;
	}

	void schedule(StompHeaderAccessor connect, JwtAuthenticationToken user) {
		String sessionId = connect.getSessionId();
		Instant expiresAt = user.getToken().getExpiresAt();
		if (sessionId == null || expiresAt == null) {
			return;
		}
		Map<String, Object> attributes = connect.getSessionAttributes();
		ScheduledFuture<?> expiry = this.scheduler.schedule(() -> expire(sessionId, attributes, user),
				expiresAt.plus(this.clockSkew));
		ScheduledFuture<?> previous = this.expiries.put(sessionId, expiry);
		if (previous != null) {
			previous.cancel(false);
		}
	}

	private void expire(String sessionId, Map<String, Object> attributes, JwtAuthenticationToken user) {
		if (this.expiries.remove(sessionId) != null) {
			this.refusals.refuse(sessionId, attributes, user, TokenVerifier.expired());
		}
	}

	@EventListener
	void onDisconnect(SessionDisconnectEvent event) {
		ScheduledFuture<?> expiry = this.expiries.remove(event.getSessionId());
		if (expiry != null) {
			expiry.cancel(false);
		}
	}

	int scheduled() {
		return this.expiries.size();
	}

}
