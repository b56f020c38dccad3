package io.railside.cable;

import java.security.Principal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.railside.limits.TokenBucket;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.MessageChannel;
import org.springframework.web.socket.WebSocketSession;

/**
 * What Railside keeps of one cable session: the session as Spring's handler decorated it,
 * the channel that hands its commands to the broker in order, its user, its subscriptions
 * and its command allowance.
 *
 * @param socket the session, safe to write from any thread
 * @param inbound the session's ordered channel to the broker
 * @param user the user its token named, or {@code null} when anonymous
 * @param extended whether it speaks AnyCable's extended protocol
 * @param identifiers the identifiers it is subscribed with
 * @param commands its command allowance
 */
record CableSession(WebSocketSession socket, MessageChannel inbound, @Nullable Principal user, boolean extended,
		Set<String> identifiers, TokenBucket commands) {

	CableSession(WebSocketSession socket, MessageChannel inbound, @Nullable Principal user, boolean extended,
			double burst) {
		this(socket, inbound, user, extended, ConcurrentHashMap.newKeySet(), new TokenBucket(burst, System.nanoTime()));
	}

	String id() {
		return this.socket.getId();
	}

}
