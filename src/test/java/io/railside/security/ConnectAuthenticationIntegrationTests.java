package io.railside.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.railside.stomp.RawStompSocket;
import io.railside.stomp.StompTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * STOMP CONNECT with a token in its {@code Authorization: Bearer} header, in secret
 * (HS256) mode with issuer and audience required: every way a token can be wrong is
 * refused with its code, a bystander carries on, and no token text reaches an ERROR frame
 * or the log; a valid token makes its {@code sub} the session's user.
 */
class ConnectAuthenticationIntegrationTests extends SecuredStompTestSupport {

	@Autowired
	private SimpMessagingTemplate messagingTemplate;

	@Test
	void whenTokenMissingThenConnectIsRejectedWithAuthMissing() {
		this.stomp.assertRefused(this.stomp.connect(null), "auth.missing");
	}

	@Test
	void whenAuthorizationHeaderIsEmptyBearerThenConnectIsRejectedWithAuthMissing() {
		this.stomp.assertRefused(this.stomp.connect("/stomp", "Authorization:Bearer \n"), "auth.missing");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-a-jwt", "abc.def.ghi", "eyJhbGciOiJIUzI1NiJ9.e30",
			"eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl", "....." })
	void whenTokenMalformedThenConnectIsRejectedWithAuthInvalid(String token) {
		this.stomp.assertRefused(this.stomp.connect(this.stomp.remember(token)), "auth.invalid");
	}

	@Test
	void whenTokenSignedWithAnotherKeyThenConnectIsRejectedWithAuthInvalid() {
		byte[] otherKey = "another-secret-that-is-32-bytes-or-more".getBytes(StandardCharsets.UTF_8);
		assertInvalid(TestTokens.hs256(otherKey, TestTokens.claims("mallory")));
	}

	@Test
	void whenTokenIsUnsignedThenConnectIsRejectedWithAuthInvalid() {
		String token = TestTokens.unsigned(TestTokens.claims("mallory"));
		assertThat(token).endsWith(".");
		assertInvalid(token);
	}

	@Test
	void whenTokenIsRs256WhereHs256IsExpectedThenConnectIsRejectedWithAuthInvalid() {
		assertInvalid(TestTokens.rs256(TestTokens.rsaKey("rsa-1"), TestTokens.claims("mallory")));
	}

	@Test
	void whenTokenSignatureIsTamperedThenConnectIsRejectedWithAuthInvalid() {
		String token = TestTokens.valid("mallory");
		String tampered = token.substring(0, token.lastIndexOf('.') + 1)
				+ TestTokens.signature(TestTokens.hs256(TestTokens.claims("mallory").claim("publish", List.of("**"))));
		this.stomp.remember(token);
		assertInvalid(tampered);
	}

	@Test
	void whenTokenExpiredThenConnectIsRejectedWithAuthExpired() {
		Instant past = Instant.now().minus(Duration.ofMinutes(1));
		String token = TestTokens.hs256(TestTokens.claims("erin", past));
		this.stomp.assertRefused(this.stomp.connect(this.stomp.remember(token)), "auth.expired");
	}

	@Test
	void whenTokenHasNoExpiryThenConnectIsRejected() {
		assertInvalid(TestTokens.hs256(TestTokens.claims("erin").expirationTime(null)));
	}

	@Test
	void whenTokenIsNotYetValidThenConnectIsRejected() {
		Instant later = Instant.now().plus(Duration.ofMinutes(1));
		assertInvalid(TestTokens.hs256(TestTokens.claims("erin").notBeforeTime(Date.from(later))));
	}

	@Test
	void whenTokenHasNoSubjectThenConnectIsRejected() {
		assertInvalid(TestTokens.hs256(TestTokens.claims("erin").subject(null)));
	}

	@Test
	void whenTokenHasABlankSubjectThenConnectIsRejected() {
		assertInvalid(TestTokens.hs256(TestTokens.claims("erin").subject(" ")));
	}

	@Test
	void whenIssuerIsWrongThenConnectIsRejected() {
		assertInvalid(TestTokens.hs256(TestTokens.claims("erin").issuer("https://elsewhere.example.test")));
	}

	@Test
	void whenIssuerIsMissingThenConnectIsRejected() {
		assertInvalid(TestTokens.hs256(TestTokens.claims("erin").issuer(null)));
	}

	@Test
	void whenAudienceIsWrongThenConnectIsRejected() {
		assertInvalid(TestTokens.hs256(TestTokens.claims("erin").audience("another-service")));
	}

	@Test
	void whenAudienceIsMissingThenConnectIsRejected() {
		assertInvalid(TestTokens.hs256(TestTokens.claims("erin").audience((String) null)));
	}

	@Test
	void whenTokenIsValidThenConnectedNamesItsSubjectAsTheUser() {
		RawStompSocket socket = this.stomp.connect(this.stomp.remember(TestTokens.valid("alice")));
		StompHeaderAccessor connected = socket.awaitFrame();
		assertThat(String.valueOf(connected.getCommand())).isEqualTo("CONNECTED");
		assertThat(connected.getFirstNativeHeader("user-name")).isEqualTo("alice");
	}

	@ParameterizedTest
	@ValueSource(strings = { "AUTHORIZATION", "authorization", "aUtHoRiZaTiOn" })
	void whenAuthorizationHeaderIsSpelledInAnyCaseThenConnectIsAccepted(String name) {
		String token = this.stomp.remember(TestTokens.valid("alice"));
		RawStompSocket socket = this.stomp.connect("/stomp", name + ":Bearer " + token + "\n");
		TokenStomp.assertConnected(socket);
		this.stomp.assertBystanderStillReceives();
	}

	@Test
	void whenAudienceListIncludesOursThenConnectIsAccepted() {
		String token = TestTokens.hs256(TestTokens.claims("alice").audience(List.of("billing", TestTokens.AUDIENCE)));
		this.stomp.connected(token);
	}

	@Test
	void whenTokenIsValidThenTheSubjectsUserQueueReceivesWhatTheServerSendsToThatUser() {
		StompTestSession alice = this.stomp.session(TestTokens.valid("alice-queue"));
		StompTestSession bob = this.stomp.session(TestTokens.valid("bob-queue"));
		alice.subscribe("/user/queue/notices");
		bob.subscribe("/user/queue/notices");
		this.messagingTemplate.convertAndSendToUser("alice-queue", "/queue/notices", "hello alice");
		assertThat(alice.awaitFrame().body()).isEqualTo("hello alice");
		this.messagingTemplate.convertAndSendToUser("bob-queue", "/queue/notices", "hello bob");
		assertThat(bob.awaitFrame().body()).isEqualTo("hello bob");
	}

	@Test
	void whenTokenIsRefusedThenNeitherTheErrorNorTheLogShowsIt(CapturedOutput output) {
		String token = TestTokens.hs256("wrong-secret-which-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8),
				TestTokens.claims("mallory"));
		assertInvalid(token);
		assertThat(output).contains("(user anonymous): auth.invalid")
			.doesNotContain(token)
			.doesNotContain(TestTokens.signature(token));
	}

	private void assertInvalid(String token) {
		this.stomp.assertRefused(this.stomp.connect(this.stomp.remember(token)), "auth.invalid");
	}

}
