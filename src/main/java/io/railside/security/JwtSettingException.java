package io.railside.security;

/**
 * Stops start-up when the JWT settings cannot be used safely (a short secret, both a
 * secret and a JWKS URI, a JWKS URI without an audience), saying which setting to fix and
 * never echoing a secret.
 */
class JwtSettingException extends RuntimeException {

	JwtSettingException(String message) {
		super(message);
	}

}
