package io.railside.security;

import java.util.List;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the key-pair (JWKS) tests share: a local key set server holding one RSA and one EC
 * key, a Railside that fetches its keys from it, a bystander session signed by the RSA
 * key that must keep receiving, and a check after each test that no token the test used
 * reached the log.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", TestTokens.CLOCK_SKEW_SETTING, TestTokens.AUDIENCE_SETTING })
@ExtendWith(OutputCaptureExtension.class)
// Each class gets its own key set server (fresh fetch counts, one may hang), so it must
// not inherit a cached Railside that still points at the previous class's server.
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
@Timeout(60)
abstract class JwksStompTestSupport {

	protected static final RSAKey rsaKey = TestTokens.rsaKey("rsa-1");

	protected static final ECKey ecKey = TestTokens.ecKey("ec-1");

	protected static JwksServer jwksServer;

	@Value("${local.http.port}")
	protected int httpPort;

	protected TokenStomp stomp;

	@BeforeAll
	static void startJwksServer() {
		jwksServer = JwksServer.start(new JWKSet(List.of(rsaKey, ecKey)));
	}

	// Read when the context starts, which is after @BeforeAll.
	@DynamicPropertySource
	static void jwksUri(DynamicPropertyRegistry registry) {
		registry.add("railside.jwt.jwks-uri", () -> jwksServer.uri());
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
		this.stomp.assertLoggedThenClose(output);
	}

}
