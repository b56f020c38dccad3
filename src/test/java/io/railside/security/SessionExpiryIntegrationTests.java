package io.railside.security;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session ends when its token expires, not only when it connects: ERROR
 * {@code auth.expired} and a close within a bounded wait, after which a fresh token
 * connects again.
 */
class SessionExpiryIntegrationTests extends SecuredStompTestSupport {

	private static final Duration LIFETIME = Duration.ofSeconds(3);

	private static final Duration GRACE = Duration.ofSeconds(5);

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
