package io.railside.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What the end-to-end security tests share: one Railside with authentication on (so the
 * Spring context is started once for all of them), a bystander session that must keep
 * receiving through every refusal, and a check after each test that no token the test
 * used reached the log.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", TestTokens.SECRET_SETTING, TestTokens.ISSUER_SETTING,
				TestTokens.AUDIENCE_SETTING, TestTokens.CLOCK_SKEW_SETTING })
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
abstract class SecuredStompTestSupport {

	@Value("${local.http.port}")
	protected int httpPort;

	protected TokenStomp stomp;

	@BeforeEach
	void connectBystander() {
		this.stomp = new TokenStomp(this.httpPort);
		this.stomp.connectBystander(TokenStomp.bystanderToken());
	}

	@AfterEach
	void noTokenReachedTheLog(CapturedOutput output) {
		this.stomp.assertLoggedThenClose(output);
	}

}
