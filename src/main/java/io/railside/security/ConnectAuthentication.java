package io.railside.security;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.railside.security.TokenVerifier.Verification;
import io.railside.stomp.FrameRule;
import io.railside.stomp.StompRefusals;
import io.railside.refusal.Refusal;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Authenticates STOMP CONNECT with the token from its {@code Authorization: Bearer}
 * header, or else from the handshake's {@code access_token}; the token's {@code sub}
 * becomes the session's user, and the session ends when the token expires.
 */
class ConnectAuthentication implements FrameRule {

	private final TokenVerifier verifier;

	private final SessionExpiry expiry;

	ConnectAuthentication(TokenVerifier verifier, SessionExpiry expiry) {
		this.verifier = verifier;
		this.expiry = expiry;
	}

	@Override
	public Step step() {
		return Step.AUTHENTICATION;
	}

	@Override
	public @Nullable Refusal check(StompHeaderAccessor frame) {
		StompCommand command = frame.getCommand();
		if (command != StompCommand.CONNECT && command != StompCommand.STOMP) {
			return null;
		}
		Verification verification = this.verifier.verify(token(frame));
		// The token is for Railside alone: nothing after this point needs it.
		for (String name : List.copyOf(frame.toNativeHeaderMap().keySet())) {
			if (name.equalsIgnoreCase("Authorization")) {
				frame.removeNativeHeader(name);
			}
		}
		if (verification.rejection() != null) {
			return verification.rejection();
		}
		if (verification.user() != null) {
			frame.setUser(verification.user());
			Map<String, Object> attributes = frame.getSessionAttributes();
			if (attributes != null) {
				attributes.put(StompRefusals.USER, verification.user().getName());
			}
			this.expiry.schedule(frame, verification.user());
		}
		return null;
	}

	private static @Nullable String token(StompHeaderAccessor frame) {
		String handshake = fromHandshake(frame);
		String header = authorization(frame);
		return (header != null) ? SharedToken.fromBearer(header) : handshake;
	}

	/**
	 * The handshake's token, taken out of the session's attributes whether or not a
	 * header won over it: once CONNECT is read, nothing needs it, and Spring logs session
	 * attributes.
	 */
	private static @Nullable String fromHandshake(StompHeaderAccessor frame) {
		Map<String, Object> attributes = frame.getSessionAttributes();
		Object token = (attributes != null) ? attributes.remove(AccessTokenHandshake.ATTRIBUTE) : null;
		return (token instanceof AccessToken accessToken) ? accessToken.value() : null;
	}

	private static @Nullable String authorization(StompHeaderAccessor frame) {
		Map<String, List<String>> headers = frame.toNativeHeaderMap();
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			if (header.getKey().equalsIgnoreCase("Authorization") && !header.getValue().isEmpty()) {
				return header.getValue().get(0);
			}
		}
		return null;
	}

}
