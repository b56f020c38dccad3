package io.railside.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How browsers' tokens are verified on STOMP CONNECT. Setting a secret or a JWKS URI
 * turns authentication on; with neither, Railside runs open (development only).
 *
 * @param secret the HS256 key shared with the web app, at least 32 bytes
 * @param jwksUri a JWKS URL for RS256/ES256 tokens signed with a key pair, instead of a
 * secret; needs {@code audience}
 * @param issuer the required {@code iss} claim, when set
 * @param audience the required {@code aud} value; when set, and always with a JWKS
 * @param clockSkew how far the clocks of the web app and Railside may differ when
 * checking {@code exp} and {@code nbf}
 * @param jwks how the key set at {@code jwksUri} is fetched
 */
@ConfigurationProperties("railside.jwt")
public record JwtProperties(@Nullable String secret, @Nullable String jwksUri, @Nullable String issuer,
		@Nullable String audience, @DefaultValue("60s") Duration clockSkew, @DefaultValue Jwks jwks) {

	boolean hasSecret() {
		return hasText(this.secret);
	}

	boolean hasJwksUri() {
		return hasText(this.jwksUri);
	}

	static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	/**
	 * How the key set is fetched. Keys are fetched on the first CONNECT, on the thread
	 * that handles it, so every wait here is one a client's CONNECT may wait.
	 *
	 * @param connectTimeout how long to wait for the key set's server to accept the
	 * connection
	 * @param readTimeout how long to wait for its answer
	 * @param cacheTimeToLive how long a fetched key set is used before it is fetched
	 * again (in the background, shortly before it expires, while in use)
	 * @param refetchInterval a token naming a key the cached set lacks (a rotated key, or
	 * an attacker's random {@code kid}) fetches the set again, at most twice in this
	 * interval; shorter than {@code cacheTimeToLive}
	 */
	public record Jwks(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout,
			@DefaultValue("5m") Duration cacheTimeToLive, @DefaultValue("30s") Duration refetchInterval) {

	}

}
