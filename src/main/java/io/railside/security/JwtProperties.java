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
 * secret
 * @param issuer the required {@code iss} claim, when set
 * @param audience the required {@code aud} value, when set
 * @param clockSkew how far the clocks of the web app and Railside may differ when
 * checking {@code exp} and {@code nbf}
 */
@ConfigurationProperties("railside.jwt")
public record JwtProperties(@Nullable String secret, @Nullable String jwksUri, @Nullable String issuer,
		@Nullable String audience, @DefaultValue("60s") Duration clockSkew) {

	boolean hasSecret() {
		return hasText(this.secret);
	}

	boolean hasJwksUri() {
		return hasText(this.jwksUri);
	}

	static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
