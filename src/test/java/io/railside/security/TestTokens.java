package io.railside.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints the tokens the tests present, the way a web app would (and the ways an attacker
 * might), with Nimbus JOSE: HS256 with the shared secret, RS256 and ES256 with key pairs,
 * and unsigned. The settings below are the secret mode every secured test runs in, so
 * those tests share one application context.
 */
public final class TestTokens {

	/** The HS256 secret of the secured test contexts. */
	public static final String SECRET = "railside-tests-hs256-secret-0123456789abcdef";

	/** The issuer the secured test contexts require. */
	public static final String ISSUER = "https://rails.example.test";

	/** The audience the secured test contexts require. */
	public static final String AUDIENCE = "railside";

	public static final String SECRET_SETTING = "railside.jwt.secret=" + SECRET;

	public static final String ISSUER_SETTING = "railside.jwt.issuer=" + ISSUER;

	public static final String AUDIENCE_SETTING = "railside.jwt.audience=" + AUDIENCE;

	/** No clock skew, so that expiry can be tested within seconds. */
	public static final String CLOCK_SKEW_SETTING = "railside.jwt.clock-skew=0s";

	private TestTokens() {
	}

	/**
	 * Claims a web app would issue: subject, issuer, audience, and five minutes to live.
	 * @param subject the user
	 * @return the claims, to change before signing
	 */
	public static JWTClaimsSet.Builder claims(String subject) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().subject(subject)
			.issuer(ISSUER)
			.audience(AUDIENCE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
	}

	/**
	 * Claims that expire at the given time, issued five minutes before it, as an expired
	 * or short-lived token would be.
	 * @param subject the user
	 * @param expiresAt when the token expires
	 * @return the claims, to change before signing
	 */
	static JWTClaimsSet.Builder claims(String subject, Instant expiresAt) {
		return claims(subject).issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(5))))
			.expirationTime(Date.from(expiresAt));
	}

	/**
	 * A valid HS256 token for the secured test contexts.
	 * @param subject the user
	 * @return the compact token
	 */
	public static String valid(String subject) {
		return hs256(claims(subject));
	}

	public static String hs256(JWTClaimsSet.Builder claims) {
		return hs256(SECRET.getBytes(StandardCharsets.UTF_8), claims);
	}

	static String hs256(byte[] key, JWTClaimsSet.Builder claims) {
		try {
			return sign(new JWSHeader(JWSAlgorithm.HS256), new MACSigner(key), claims);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String rs256(RSAKey key, JWTClaimsSet.Builder claims) {
		try {
			return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), new RSASSASigner(key),
					claims);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String es256(ECKey key, JWTClaimsSet.Builder claims) {
		try {
			return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), new ECDSASigner(key),
					claims);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An {@code alg: none} token: claims, no signature.
	 * @param claims the claims
	 * @return the compact token, ending in a dot
	 */
	static String unsigned(JWTClaimsSet.Builder claims) {
		return new PlainJWT(claims.build()).serialize();
	}

	static RSAKey rsaKey(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static ECKey ecKey(String keyId) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The signature part of a compact token, the part that must never leak.
	 * @param token the compact token
	 * @return its last part
	 */
	public static String signature(String token) {
		return token.substring(token.lastIndexOf('.') + 1);
	}

	private static String sign(JWSHeader header, JWSSigner signer, JWTClaimsSet.Builder claims) throws JOSEException {
		SignedJWT jwt = new SignedJWT(header, claims.build());
		jwt.sign(signer);
		return jwt.serialize();
	}

}
