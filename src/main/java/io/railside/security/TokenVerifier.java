package io.railside.security;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.railside.refusal.Refusal;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Verifies a browser's token with Spring Security's {@link JwtDecoder} and says, in
 * Railside's codes, why one is refused. With no decoder Railside runs open.
 */
class TokenVerifier {

	private static final String HIDDEN = "[verified token, value not kept]";

	private final @Nullable JwtDecoder decoder;

	private final JwtAuthenticationConverter converter = new JwtAuthenticationConverter();

	TokenVerifier(@Nullable JwtDecoder decoder) {
		this.decoder = decoder;
	}

	boolean isOpen() {
		return this.decoder == null;
	}

	/**
	 * Verify a token.
	 * @param token the compact JWT, or {@code null} when the client sent none
	 * @return the authenticated user, or why the token is refused
	 */
	Verification verify(@Nullable String token) {
		if (this.decoder == null) {
			return Verification.anonymous();
		}
		if (token == null || token.isBlank()) {
			return Verification.refused(Refusal.ofSession("auth.missing",
					"Send a token: an 'Authorization: Bearer <jwt>' header in CONNECT, or access_token in the URL."));
		}
		try {
			Jwt jwt = withoutTokenValue(this.decoder.decode(token));
			return Verification.of((JwtAuthenticationToken) this.converter.convert(jwt));
		}
		catch (JwtValidationException ex) {
			return Verification.refused(isExpiry(ex) ? expired() : invalid());
		}
		catch (BadJwtException ex) {
			return Verification.refused(invalid());
		}
		catch (JwtException ex) {
			return Verification.refused(Refusal.ofSession("auth.invalid", "The token could not be verified now."));
		}
	}

	/**
	 * The verified token's claims without the token itself. The user object lives as long
	 * as the session, in the header of every message it sends and in Spring's session
	 * registry; the compact token in it would outlive authentication (in a heap dump, a
	 * message printed at TRACE).
	 */
	private static Jwt withoutTokenValue(Jwt jwt) {
		return new Jwt(HIDDEN, jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getHeaders(), jwt.getClaims());
	}

	static Refusal expired() {
		return Refusal.ofSession("auth.expired", "The token has expired: reconnect with a fresh one.");
	}

	private static Refusal invalid() {
		return Refusal.ofSession("auth.invalid", "The token is not valid here.");
	}

	private static boolean isExpiry(JwtValidationException ex) {
		return ex.getErrors()
			.stream()
			.map(OAuth2Error::getDescription)
			.anyMatch((description) -> description != null && description.startsWith("Jwt expired"));
	}

	/**
	 * The outcome of verifying a token.
	 *
	 * @param user the authenticated user, when the token was accepted
	 * @param rejection why it was refused, otherwise
	 */
	record Verification(@Nullable JwtAuthenticationToken user, @Nullable Refusal rejection) {

		static Verification anonymous() {
			return new Verification(null, null);
		}

		static Verification of(JwtAuthenticationToken user) {
			return new Verification(user, null);
		}

		static Verification refused(Refusal rejection) {
			return new Verification(null, rejection);
		}

		@Nullable Instant expiresAt() {
			return (this.user != null) ? this.user.getToken().getExpiresAt() : null;
		}

	}

}
