package io.railside.security;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.railside.security.TokenVerifier.Verification;
import io.railside.refusal.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * Where CONNECT's token comes from (the {@code Authorization: Bearer} header in any case,
 * else the handshake's {@code access_token}) and what an accepted or refused token does
 * to the session.
 */
class ConnectAuthenticationTests {

	private final TokenVerifier verifier = mock(TokenVerifier.class);

	private final SessionExpiry expiry = mock(SessionExpiry.class);

	private final ConnectAuthentication authentication = new ConnectAuthentication(this.verifier, this.expiry);

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource({ "Authorization, Bearer abc", "authorization, bearer abc", "AUTHORIZATION, BEARER abc",
			"aUtHoRiZaTiOn, bEaReR abc", "Authorization, Bearer   abc  " })
	void readsTheBearerTokenWhateverTheCaseOfHeaderAndScheme(String name, String value) {
		given(this.verifier.verify("abc")).willReturn(Verification.anonymous());
		StompHeaderAccessor connect = connect(Map.of());
		connect.setNativeHeader(name, value);
		assertThat(this.authentication.check(connect)).isNull();
		then(this.verifier).should().verify("abc");
	}

	@Test
	void whenNoAuthorizationHeaderThenUsesTheHandshakeToken() {
		given(this.verifier.verify("from-url")).willReturn(Verification.anonymous());
		this.authentication.check(connect(Map.of(AccessTokenHandshake.ATTRIBUTE, new AccessToken("from-url"))));
		then(this.verifier).should().verify("from-url");
	}

	@Test
	void theHandshakeTokenIsGoneFromTheSessionOnceConnectIsRead() {
		given(this.verifier.verify("from-header")).willReturn(Verification.anonymous());
		StompHeaderAccessor connect = connect(Map.of(AccessTokenHandshake.ATTRIBUTE, new AccessToken("from-url")));
		connect.setNativeHeader("Authorization", "Bearer from-header");
		this.authentication.check(connect);
		assertThat(connect.getSessionAttributes()).doesNotContainKey(AccessTokenHandshake.ATTRIBUTE);
		assertThat(connect.toNativeHeaderMap()).doesNotContainKey("Authorization");
	}

	@Test
	void theHandshakeTokenNeverShowsItsValue() {
		assertThat(new AccessToken("secret-token")).asString().doesNotContain("secret-token");
	}

	@Test
	void whenBothThenTheHeaderWins() {
		given(this.verifier.verify("from-header")).willReturn(Verification.anonymous());
		StompHeaderAccessor connect = connect(Map.of(AccessTokenHandshake.ATTRIBUTE, new AccessToken("from-url")));
		connect.setNativeHeader("Authorization", "Bearer from-header");
		this.authentication.check(connect);
		then(this.verifier).should().verify("from-header");
	}

	@Test
	void whenAuthorizationIsNotBearerThenThereIsNoToken() {
		given(this.verifier.verify(null)).willReturn(Verification.refused(rejection("auth.missing")));
		StompHeaderAccessor connect = connect(Map.of(AccessTokenHandshake.ATTRIBUTE, new AccessToken("from-url")));
		connect.setNativeHeader("Authorization", "Basic YWxpY2U6c2VjcmV0");
		assertThat(this.authentication.check(connect)).extracting(Refusal::code).isEqualTo("auth.missing");
	}

	@Test
	void whenNeitherThenTheVerifierIsAskedAboutNoToken() {
		given(this.verifier.verify(null)).willReturn(Verification.refused(rejection("auth.missing")));
		assertThat(this.authentication.check(connect(Map.of()))).extracting(Refusal::code).isEqualTo("auth.missing");
	}

	@Test
	void whenTokenAcceptedThenTheSessionUserIsSetAndItsExpiryScheduled() {
		JwtAuthenticationToken user = user("alice");
		given(this.verifier.verify("abc")).willReturn(Verification.of(user));
		StompHeaderAccessor connect = connect(Map.of());
		connect.setNativeHeader("Authorization", "Bearer abc");
		assertThat(this.authentication.check(connect)).isNull();
		assertThat(connect.getUser()).isSameAs(user);
		then(this.expiry).should().schedule(connect, user);
	}

	@Test
	void whenTokenRefusedThenTheRejectionIsReturnedAndNoUserSet() {
		given(this.verifier.verify("abc")).willReturn(Verification.refused(rejection("auth.invalid")));
		StompHeaderAccessor connect = connect(Map.of());
		connect.setNativeHeader("Authorization", "Bearer abc");
		assertThat(this.authentication.check(connect)).extracting(Refusal::code).isEqualTo("auth.invalid");
		assertThat(connect.getUser()).isNull();
		then(this.expiry).shouldHaveNoInteractions();
	}

	@Test
	void stompFrameIsAuthenticatedLikeConnect() {
		given(this.verifier.verify("abc")).willReturn(Verification.refused(rejection("auth.invalid")));
		StompHeaderAccessor stomp = StompHeaderAccessor.create(StompCommand.STOMP);
		stomp.setSessionAttributes(new HashMap<>());
		stomp.setNativeHeader("Authorization", "Bearer abc");
		assertThat(this.authentication.check(stomp)).extracting(Refusal::code).isEqualTo("auth.invalid");
	}

	@ParameterizedTest
	@EnumSource(value = StompCommand.class, names = { "SUBSCRIBE", "SEND", "UNSUBSCRIBE", "DISCONNECT", "ACK" })
	void otherFramesPassWithoutAToken(StompCommand command) {
		StompHeaderAccessor frame = StompHeaderAccessor.create(command);
		frame.setSessionAttributes(new HashMap<>());
		assertThat(this.authentication.check(frame)).isNull();
		then(this.verifier).should(never()).verify(any());
	}

	@Test
	void inOpenModeConnectPassesAnonymously() {
		given(this.verifier.verify(null)).willReturn(Verification.anonymous());
		StompHeaderAccessor connect = connect(Map.of());
		assertThat(this.authentication.check(connect)).isNull();
		assertThat(connect.getUser()).isNull();
		then(this.expiry).shouldHaveNoInteractions();
	}

	private static StompHeaderAccessor connect(Map<String, Object> attributes) {
		StompHeaderAccessor connect = StompHeaderAccessor.create(StompCommand.CONNECT);
		connect.setSessionId("session-1");
		connect.setSessionAttributes(new HashMap<>(attributes));
		return connect;
	}

	private static JwtAuthenticationToken user(String subject) {
		Jwt jwt = Jwt.withTokenValue("token")
			.header("alg", "HS256")
			.subject(subject)
			.expiresAt(Instant.now().plusSeconds(300))
			.build();
		return new JwtAuthenticationToken(jwt, List.of());
	}

	private static Refusal rejection(String code) {
		return Refusal.ofSession(code, "Refused.");
	}

}
