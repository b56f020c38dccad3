package io.railside.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the token verifier from the JWT settings: HS256 with the shared secret, or
 * RS256/ES256 against a JWKS, the algorithm pinned either way, {@code exp} required,
 * {@code nbf} honoured, and {@code iss} and {@code aud} checked when set ({@code aud}
 * always with a JWKS, whose keys sign tokens for every application of an identity
 * provider). Spring Security's defaults check neither issuer nor audience and accept a
 * token without {@code exp}; Railside does not. The key set is cached, fetched with short
 * timeouts, and fetched again for an unknown key at a bounded rate, where Spring's JWKS
 * decoder waits 30 s and fetches for every unknown {@code kid}.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

	private static final Log logger = LogFactory.getLog(JwtConfiguration.class);

	private static final int MIN_SECRET_BYTES = 32;

	private final JwtProperties properties;

	JwtConfiguration(JwtProperties properties) {
		this.properties = properties;
	}

	@Bean
	TokenVerifier tokenVerifier() {
		if (this.properties.hasSecret() && this.properties.hasJwksUri()) {
			throw new JwtSettingException("Both RAILSIDE_JWT_SECRET and RAILSIDE_JWT_JWKS_URI are set; set one.");
		}
		if (this.properties.hasSecret()) {
			return new TokenVerifier(secretDecoder(Objects.requireNonNull(this.properties.secret())));
		}
		if (this.properties.hasJwksUri()) {
			return new TokenVerifier(jwksDecoder(Objects.requireNonNull(this.properties.jwksUri())));
		}
		logger.warn("Railside is running OPEN: no RAILSIDE_JWT_SECRET or RAILSIDE_JWT_JWKS_URI is set, so anyone may"
				+ " connect and use every topic. Fine for development; never in production.");
		return new TokenVerifier(null);
	}

	private NimbusJwtDecoder secretDecoder(String secret) {
		byte[] key = secret.getBytes(StandardCharsets.UTF_8);
		if (key.length < MIN_SECRET_BYTES) {
			throw new JwtSettingException("RAILSIDE_JWT_SECRET is " + key.length + " bytes long; HS256 needs at least "
					+ MIN_SECRET_BYTES + ".");
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		decoder.setJwtValidator(validator());
		return decoder;
	}

	private NimbusJwtDecoder jwksDecoder(String jwksUri) {
		if (!JwtProperties.hasText(this.properties.audience())) {
			throw new JwtSettingException("RAILSIDE_JWT_JWKS_URI is set but RAILSIDE_JWT_AUDIENCE is not, so a token"
					+ " the identity provider issued for any other application would get in.");
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(JwksSource.of(jwksUri, this.properties.jwks()))
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.build();
		decoder.setJwtValidator(validator());
		return decoder;
	}

	private OAuth2TokenValidator<Jwt> validator() {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(this.properties.clockSkew());
		timestamps.setAllowEmptyExpiryClaim(false);
		validators.add(timestamps);
		validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, (sub) -> sub != null && !sub.isBlank()));
		if (JwtProperties.hasText(this.properties.issuer())) {
			validators.add(new JwtIssuerValidator(Objects.requireNonNull(this.properties.issuer())));
		}
		if (JwtProperties.hasText(this.properties.audience())) {
			validators.add(new JwtAudienceValidator(Objects.requireNonNull(this.properties.audience())));
		}
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

}
