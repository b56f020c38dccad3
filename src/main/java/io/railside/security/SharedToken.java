package io.railside.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.jspecify.annotations.Nullable;

/**
 * A bearer token shared with a backend or a metrics scraper (the publish token, the
 * metrics token), kept only as its SHA-256 digest and compared in constant time, so that
 * how long a refusal takes tells nothing about the token, not even its length.
 */
public final class SharedToken {

	private static final String BEARER = "Bearer ";

	private final byte @Nullable [] digest;

	/**
	 * Create the token from its configured value.
	 * @param token the configured token; {@code null} or blank disables what it guards
	 */
	public SharedToken(@Nullable String token) {
		this.digest = (token != null && !token.isBlank()) ? sha256(token.strip()) : null;
	}

	/**
	 * Whether a token is configured.
	 * @return whether it is
	 */
	public boolean isEnabled() {
		return this.digest != null;
	}

	/**
	 * Whether a presented token is the configured one.
	 * @param presented the token from the request, or {@code null}
	 * @return whether it matches; never when no token is configured
	 */
	public boolean matches(@Nullable String presented) {
		return this.digest != null && presented != null && MessageDigest.isEqual(this.digest, sha256(presented));
	}

	/**
	 * The token of an {@code Authorization: Bearer <token>} header.
	 * @param authorization the header's value, or {@code null}
	 * @return the token, or {@code null} when the header is missing or of another scheme
	 */
	public static @Nullable String fromBearer(@Nullable String authorization) {
		return (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
				? authorization.substring(BEARER.length()).strip() : null;
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
