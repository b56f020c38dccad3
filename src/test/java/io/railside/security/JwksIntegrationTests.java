package io.railside.security;

import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key-pair mode: tokens signed with RS256 or ES256 by a key in the JWKS (served here from
 * a tiny local HTTP server) and carrying Railside's audience are accepted; HS256 tokens,
 * even one keyed with the RSA public key (the classic algorithm confusion), tokens signed
 * by a key outside the set, and tokens the identity provider issued for another
 * application are refused.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", TestTokens.CLOCK_SKEW_SETTING, TestTokens.AUDIENCE_SETTING })
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class JwksIntegrationTests {

	private static final RSAKey rsaKey = TestTokens.rsaKey("rsa-1");

	private static final ECKey ecKey = TestTokens.ecKey("ec-1");

	private static final JwksServer jwksServer = JwksServer.start(new JWKSet(List.of(rsaKey, ecKey)));

	@Value("${local.http.port}")
	private int httpPort;

	private TokenStomp stomp;

	@DynamicPropertySource
	static void jwksUri(DynamicPropertyRegistry registry) {
		registry.add("railside.jwt.jwks-uri", jwksServer::uri);
	}

	@AfterAll
	static void stopJwksServer() {
		jwksServer.close();
	}

	@BeforeEach
	void connectBystander() {
		this.stomp = new TokenStomp(this.httpPort);
		this.stomp.connectBystander(TestTokens.rs256(rsaKey, TokenStomp.bystanderClaims()));
	}

	@AfterEach
	void noTokenReachedTheLog(CapturedOutput output) {
		try {
			this.stomp.assertLogged(output);
		}
		finally {
			this.stomp.close();
		}
	}

	@Test
	void acceptsAnRs256TokenSignedByAKeyInTheSet() {
		assertConnectedAs("rita", TestTokens.rs256(rsaKey, TestTokens.claims("rita")));
		assertThat(jwksServer.requests()).isPositive();
	}

	@Test
	void acceptsAnEs256TokenSignedByAKeyInTheSet() {
		assertConnectedAs("eve-ec", TestTokens.es256(ecKey, TestTokens.claims("eve-ec")));
	}

	@Test
	void acceptsATokenWithoutIssuerWhenNoneIsConfigured() {
		assertConnectedAs("plain", TestTokens.rs256(rsaKey, TestTokens.claims("plain").issuer(null)));
	}

	@Test
	void refusesATokenTheIdentityProviderIssuedForAnotherApplication() {
		assertInvalid(TestTokens.rs256(rsaKey, TestTokens.claims("mallory").audience("another-app")));
		assertInvalid(TestTokens.es256(ecKey, TestTokens.claims("mallory").audience(List.of("another-app", "more"))));
	}

	@Test
	void refusesATokenWithoutAudience() {
		assertInvalid(TestTokens.rs256(rsaKey, TestTokens.claims("mallory").audience((String) null)));
	}

	@Test
	void refusesAnHs256TokenKeyedWithTheRsaPublicKey() throws JOSEException {
		byte[] publicKey = rsaKey.toRSAPublicKey().getEncoded();
		assertInvalid(TestTokens.hs256(publicKey, TestTokens.claims("mallory")));
	}

	@Test
	void refusesAnHs256TokenKeyedWithAnySecret() {
		assertInvalid(TestTokens.hs256(TestTokens.claims("mallory")));
	}

	@Test
	void refusesATokenSignedByAKeyOutsideTheSet() {
		assertInvalid(TestTokens.rs256(TestTokens.rsaKey("rsa-unknown"), TestTokens.claims("mallory")));
	}

	@Test
	void refusesATokenSignedByAnotherKeyClaimingAKnownKeyId() {
		assertInvalid(TestTokens.rs256(TestTokens.rsaKey("rsa-1"), TestTokens.claims("mallory")));
		assertInvalid(TestTokens.es256(TestTokens.ecKey("ec-1"), TestTokens.claims("mallory")));
	}

	@Test
	void refusesAnUnsignedToken() {
		assertInvalid(TestTokens.unsigned(TestTokens.claims("mallory")));
	}

	@Test
	void refusesAnExpiredTokenSignedByAKeyInTheSet() {
		String token = TestTokens.rs256(rsaKey, TestTokens.claims("old", Instant.now().minusSeconds(60)));
		this.stomp.assertRefused(this.stomp.connect(this.stomp.remember(token)), "auth.expired");
	}

	private void assertConnectedAs(String subject, String token) {
		StompHeaderAccessor connected = this.stomp.connect(this.stomp.remember(token)).awaitFrame();
		assertThat(String.valueOf(connected.getCommand())).as("%s", connected.toNativeHeaderMap())
			.isEqualTo("CONNECTED");
		assertThat(connected.getFirstNativeHeader("user-name")).isEqualTo(subject);
	}

	private void assertInvalid(String token) {
		this.stomp.assertRefused(this.stomp.connect(this.stomp.remember(token)), "auth.invalid");
	}

}
