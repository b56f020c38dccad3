package io.railside.security;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;

import io.railside.refusal.Refusal;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Which SUBSCRIBE and SEND frames a token's {@code subscribe} and {@code publish} claims
 * allow, decided with Spring Security's message authorization.
 */
class TopicAuthorizationTests {

	private final TopicAuthorization authorization = new TopicAuthorization(new TokenVerifier(mock(JwtDecoder.class)));

	private final JwtAuthenticationToken alice = user(List.of("orders.42", "news.*", "chat.**"), List.of("chat.**"));

	@ParameterizedTest
	@ValueSource(
			strings = { "/topic/orders.42", "/topic/news.today", "/topic/chat.room-1", "/topic/chat.room-1.typing" })
	void subscribeIsAllowedWhenASubscribePatternMatches(String destination) {
		assertThat(check(StompCommand.SUBSCRIBE, destination, this.alice)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/orders.43", "/topic/orders", "/topic/orders.42.lines", "/topic/news",
			"/topic/news.today.late", "/topic/chat", "/topic/other" })
	void subscribeIsForbiddenWhenNoSubscribePatternMatches(String destination) {
		assertForbidden(check(StompCommand.SUBSCRIBE, destination, this.alice), "SUBSCRIBE", destination);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/chat.room-1", "/app/chat.room-1.typing" })
	void sendIsAllowedWhenAPublishPatternMatches(String destination) {
		assertThat(check(StompCommand.SEND, destination, this.alice)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/orders.42", "/topic/news.today", "/app/orders.42", "/app/chat" })
	void sendIsForbiddenWhenNoPublishPatternMatchesEvenIfASubscribePatternDoes(String destination) {
		assertForbidden(check(StompCommand.SEND, destination, this.alice), "SEND", destination);
	}

	@Test
	void aTokenWithoutClaimsMaySubscribeToItsOwnQueueOnly() {
		JwtAuthenticationToken bob = user(null, null);
		assertThat(check(StompCommand.SUBSCRIBE, "/user/queue/notices", bob)).isNull();
		assertForbidden(check(StompCommand.SUBSCRIBE, "/topic/orders.42", bob), "SUBSCRIBE", "/topic/orders.42");
		assertForbidden(check(StompCommand.SEND, "/topic/orders.42", bob), "SEND", "/topic/orders.42");
		assertForbidden(check(StompCommand.SEND, "/app/orders.42", bob), "SEND", "/app/orders.42");
	}

	@Test
	void withoutAUserNothingIsAllowed() {
		assertThat(check(StompCommand.SUBSCRIBE, "/user/queue/notices", null)).isNotNull();
		assertThat(check(StompCommand.SUBSCRIBE, "/topic/orders.42", null)).isNotNull();
	}

	@ParameterizedTest
	@EnumSource(value = StompCommand.class, names = { "CONNECT", "UNSUBSCRIBE", "DISCONNECT", "ACK", "NACK" })
	void framesWithoutATopicPass(StompCommand command) {
		assertThat(check(command, null, this.alice)).isNull();
	}

	@Test
	void inOpenModeEverythingPasses() {
		TopicAuthorization open = new TopicAuthorization(new TokenVerifier(null));
		assertThat(open.check(frame(StompCommand.SUBSCRIBE, "/topic/orders.42", null))).isNull();
		assertThat(open.check(frame(StompCommand.SEND, "/topic/orders.42", null))).isNull();
	}

	private @Nullable Refusal check(StompCommand command, @Nullable String destination,
			@Nullable JwtAuthenticationToken user) {
		return this.authorization.check(frame(command, destination, user));
	}

	private static void assertForbidden(@Nullable Refusal rejection, String command, String destination) {
		assertThat(rejection).isNotNull();
		assertThat(rejection.code()).isEqualTo("forbidden");
		assertThat(rejection.sentence()).isEqualTo("This token does not allow " + command + " to " + destination + ".");
	}

	private static StompHeaderAccessor frame(StompCommand command, @Nullable String destination,
			@Nullable JwtAuthenticationToken user) {
		StompHeaderAccessor frame = StompHeaderAccessor.create(command);
		frame.setSessionId("session-1");
		frame.setSessionAttributes(new HashMap<>());
		if (destination != null) {
			frame.setDestination(destination);
		}
		frame.setUser(user);
		return frame;
	}

	private static JwtAuthenticationToken user(@Nullable List<String> subscribe, @Nullable List<String> publish) {
		Jwt.Builder jwt = Jwt.withTokenValue("token")
			.header("alg", "HS256")
			.subject("alice")
			.expiresAt(Instant.now().plusSeconds(300));
		if (subscribe != null) {
			jwt.claim("subscribe", subscribe);
		}
		if (publish != null) {
			jwt.claim("publish", publish);
		}
		return new JwtAuthenticationToken(jwt.build(), List.of());
	}

}
