package io.railside.security;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import io.railside.stomp.StompRefusals;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * A session ends with {@code auth.expired} when its token expires (plus the clock skew),
 * unless it ended first.
 */
class SessionExpiryTests {

	private static final Duration SKEW = Duration.ofSeconds(1);

	private final TaskScheduler scheduler = mock(TaskScheduler.class);

	private final StompRefusals refusals = mock(StompRefusals.class);

	private final ScheduledFuture<?> future = mock(ScheduledFuture.class);

	private final SessionExpiry expiry = new SessionExpiry(this.scheduler, this.refusals, SKEW);

	private final Map<String, Object> attributes = new HashMap<>();

	@BeforeEach
	void schedulerHandsOutTheFuture() {
		given(this.scheduler.schedule(any(Runnable.class), any(Instant.class))).will((invocation) -> this.future);
	}

	@Test
	void schedulesTheEndAtExpiryPlusTheClockSkew() {
		Instant expiresAt = Instant.parse("2030-01-01T00:00:00Z");
		this.expiry.schedule(connect("s1"), user("alice", expiresAt));
		then(this.scheduler).should().schedule(any(Runnable.class), eq(expiresAt.plus(SKEW)));
		assertThat(this.expiry.scheduled()).isEqualTo(1);
	}

	@Test
	void whenTokenExpiresThenTheSessionIsRejectedWithAuthExpired() {
		JwtAuthenticationToken user = user("alice", Instant.now().plusSeconds(60));
		this.expiry.schedule(connect("s1"), user);
		scheduledTask().run();
		then(this.refusals).should().refuse("s1", this.attributes, user, TokenVerifier.expired());
		assertThat(this.expiry.scheduled()).isZero();
	}

	@Test
	void whenSessionEndsFirstThenItsExpiryIsCancelledAndNeverFires() {
		this.expiry.schedule(connect("s1"), user("alice", Instant.now().plusSeconds(60)));
		Runnable task = scheduledTask();
		this.expiry.onDisconnect(disconnect("s1"));
		then(this.future).should().cancel(false);
		task.run();
		then(this.refusals).shouldHaveNoInteractions();
		assertThat(this.expiry.scheduled()).isZero();
	}

	@Test
	void whenOtherSessionEndsThenThisExpiryStays() {
		this.expiry.schedule(connect("s1"), user("alice", Instant.now().plusSeconds(60)));
		this.expiry.onDisconnect(disconnect("s2"));
		then(this.future).shouldHaveNoInteractions();
		assertThat(this.expiry.scheduled()).isEqualTo(1);
	}

	@Test
	void whenSessionConnectsAgainThenOnlyTheNewExpiryCounts() {
		this.expiry.schedule(connect("s1"), user("alice", Instant.now().plusSeconds(60)));
		this.expiry.schedule(connect("s1"), user("alice", Instant.now().plusSeconds(120)));
		then(this.future).should().cancel(false);
		assertThat(this.expiry.scheduled()).isEqualTo(1);
	}

	@Test
	void tokenWithoutExpiryOrSessionWithoutIdSchedulesNothing() {
		this.expiry.schedule(connect("s1"), user("alice", null));
		this.expiry.schedule(connect(null), user("alice", Instant.now().plusSeconds(60)));
		then(this.scheduler).shouldHaveNoInteractions();
		assertThat(this.expiry.scheduled()).isZero();
	}

	private Runnable scheduledTask() {
		ArgumentCaptor<Runnable> task = ArgumentCaptor.forClass(Runnable.class);
		then(this.scheduler).should().schedule(task.capture(), any(Instant.class));
		return task.getValue();
	}

	private StompHeaderAccessor connect(@Nullable String sessionId) {
		StompHeaderAccessor connect = StompHeaderAccessor.create(StompCommand.CONNECT);
		connect.setSessionId(sessionId);
		connect.setSessionAttributes(this.attributes);
		return connect;
	}

	private static SessionDisconnectEvent disconnect(String sessionId) {
		StompHeaderAccessor disconnect = StompHeaderAccessor.create(StompCommand.DISCONNECT);
		disconnect.setSessionId(sessionId);
		return new SessionDisconnectEvent(new Object(),
				MessageBuilder.createMessage(new byte[0], disconnect.getMessageHeaders()), sessionId,
				CloseStatus.NORMAL);
	}

	private static JwtAuthenticationToken user(String subject, @Nullable Instant expiresAt) {
		Jwt.Builder jwt = Jwt.withTokenValue("token").header("alg", "HS256").subject(subject);
		if (expiresAt != null) {
			jwt.expiresAt(expiresAt);
		}
		return new JwtAuthenticationToken(jwt.build(), List.of());
	}

}
