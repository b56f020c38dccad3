package io.railside.security;

import java.time.Duration;

import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * One token subject may hold two sessions here: a third CONNECT with that subject, even
 * with a fresh token, gets {@code limit.sessions}, while other users and the bystander
 * carry on, and a place the user frees can be taken again.
 */
@TestPropertySource(properties = "railside.limits.sessions-per-user=2")
class UserSessionLimitIntegrationTests extends SecuredStompTestSupport {

	@Test
	void aUserPastTheCapIsRefusedAndOthersAreNot() {
		this.stomp.connected(TestTokens.valid("mallory"));
		this.stomp.connected(TestTokens.valid("mallory"));
		this.stomp.assertRefused(this.stomp.connect(this.stomp.remember(TestTokens.valid("mallory"))),
				"limit.sessions");
		this.stomp.connected(TestTokens.valid("alice"));
	}

	@Test
	void aPlaceFreedByTheUserCanBeTakenAgain() {
		RawStompSocket first = this.stomp.connected(TestTokens.valid("bob"));
		this.stomp.connected(TestTokens.valid("bob"));
		first.send("DISCONNECT\n\n\0");
		first.abort();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
			RawStompSocket next = this.stomp.connect(this.stomp.remember(TestTokens.valid("bob")));
			boolean connected = "CONNECTED".equals(String.valueOf(next.awaitFrame().getCommand()));
			next.abort();
			return connected;
		});
	}

}
