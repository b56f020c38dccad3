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
 * A key set server that takes requests and never answers holds a CONNECT no longer than
 * the fetch timeouts (2 s to connect, 5 s to read, by default), where it used to hold it
 * 30 s; clients whose keys are cached connect and receive meanwhile.
 */
class JwksTimeoutIntegrationTests extends JwksStompTestSupport {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration MARGIN = Duration.ofMillis(2500);

	@Test
	void aKeySetServerThatNeverAnswersHoldsAConnectNoLongerThanTheReadTimeout() {
		jwksServer.hang();
		RSAKey attackerKey = TestTokens.rsaKey("attacker");
		long start = System.nanoTime();
		List<RawStompSocket> attackers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			RSAKey randomKid = new RSAKey.Builder(attackerKey).keyID(UUID.randomUUID().toString()).build();
			attackers.add(this.stomp.connect(this.stomp.remember(TestTokens.rs256(randomKid, TestTokens.claims("m")))));
		}
		// While the fetch hangs, sessions whose keys are cached carry on.
		this.stomp.assertBystanderStillReceives();
		TokenStomp.assertConnected(
				this.stomp.connect(this.stomp.remember(TestTokens.rs256(rsaKey, TestTokens.claims("meanwhile")))));
		for (RawStompSocket attacker : attackers) {
			this.stomp.assertRefused(attacker, "auth.invalid");
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(jwksServer.requests()).as("the fetch that hung").isEqualTo(2);
		assertThat(took).isGreaterThan(READ_TIMEOUT.minusSeconds(1)).isLessThan(READ_TIMEOUT.plus(MARGIN));
	}

}
