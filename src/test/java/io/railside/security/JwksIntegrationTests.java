package io.railside.security;

import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key-pair mode: tokens signed with RS256 or ES256 by a key in the JWKS (served here from
 * a tiny local HTTP server) and carrying Railside's audience are accepted; HS256 tokens,
 * even one keyed with the RSA public key (the classic algorithm confusion), tokens signed
 * by a key outside the set, and tokens the identity provider issued for another
 * application are refused.
 */
class JwksIntegrationTests extends JwksStompTestSupport {

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
