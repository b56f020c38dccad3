package io.railside.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.RSAKey;
import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of tokens naming keys the set lacks (a random {@code kid} each) fetches the key
 * set at most twice per refetch interval (30 s by default), where each used to fetch it:
 * every one is refused, and a client with a valid token connects and receives throughout.
 */
class JwksRateLimitIntegrationTests extends JwksStompTestSupport {

	private static final int ATTACKERS = 50;

	private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);

	@Test
	void connectsWithUnknownKeyIdsFetchTheKeySetAtMostTwiceAnInterval() {
		long firstFetch = System.nanoTime();
		assertThat(jwksServer.requests()).isEqualTo(1);
		RSAKey attackerKey = TestTokens.rsaKey("attacker");
		List<RawStompSocket> attackers = new ArrayList<>();
		for (int i = 0; i < ATTACKERS; i++) {
			RSAKey randomKid = new RSAKey.Builder(attackerKey).keyID(UUID.randomUUID().toString()).build();
			attackers.add(this.stomp.connect(this.stomp.remember(TestTokens.rs256(randomKid, TestTokens.claims("m")))));
		}
		for (RawStompSocket attacker : attackers) {
			this.stomp.assertRefused(attacker, "auth.invalid");
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - firstFetch);
		long intervals = 1 + elapsed.toMillis() / REFETCH_INTERVAL.toMillis();
		assertThat(jwksServer.requests()).as("fetches in %s", elapsed).isLessThanOrEqualTo((int) (2 * intervals));
		TokenStomp.assertConnected(
				this.stomp.connect(this.stomp.remember(TestTokens.rs256(rsaKey, TestTokens.claims("late")))));
		assertThat(jwksServer.requests()).isLessThanOrEqualTo((int) (2 * intervals));
	}

}
