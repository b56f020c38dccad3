package io.railside.security;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.railside.stomp.RawStompSocket;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session ends when its token expires, not only when it connects: ERROR
 * {@code auth.expired} and a close within a bounded wait, after which a fresh token
 * connects again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", TestTokens.SECRET_SETTING, TestTokens.ISSUER_SETTING,
				TestTokens.AUDIENCE_SETTING, TestTokens.CLOCK_SKEW_SETTING })
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class SessionExpiryIntegrationTests {

	private static final Duration LIFETIME = Duration.ofSeconds(3);

	private static final Duration GRACE = Duration.ofSeconds(5);

	@Value("${local.http.port}")
	private int httpPort;

	private TokenStomp stomp;

	@BeforeEach
	void connectBystander() {
		this.stomp = new TokenStomp(this.httpPort);
		this.stomp.connectBystander(TokenStomp.bystanderToken());
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
	void whenTokenExpiresMidSessionThenTheSessionGetsAuthExpiredAndIsClosed() {
		Instant expiresAt = Instant.now().plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS);
		RawStompSocket socket = this.stomp.connected(shortLived("erin", expiresAt));
		assertReceipt(socket, "SUBSCRIBE\nid:0\ndestination:/user/queue/notices\nreceipt:before\n\n\0");
		this.stomp.assertRefused(socket, "auth.expired");
		assertThat(Instant.now()).isBetween(expiresAt, expiresAt.plus(GRACE));
	}

	@Test
	void afterExpiryAFreshTokenConnectsAgain() {
		Instant expiresAt = Instant.now().plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS);
		this.stomp.assertRefused(this.stomp.connected(shortLived("frank", expiresAt)), "auth.expired");
		RawStompSocket again = this.stomp.connected(TestTokens.valid("frank"));
		assertReceipt(again, "SUBSCRIBE\nid:0\ndestination:/user/queue/notices\nreceipt:after\n\n\0");
	}

	private String shortLived(String subject, Instant expiresAt) {
		return TestTokens.hs256(TestTokens.claims(subject, expiresAt));
	}

	private static void assertReceipt(RawStompSocket socket, String frame) {
		socket.send(frame);
		assertThat(String.valueOf(socket.awaitFrame().getCommand())).isEqualTo("RECEIPT");
	}

}
