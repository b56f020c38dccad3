package io.railside.limits;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.railside.refusal.Refusal;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link FrameRateLimit}.
 */
class FrameRateLimitTests {

	private final Map<String, Object> session = new HashMap<>();

	@Test
	void passesABurstAndRefusesTheNextFrame() {
		FrameRateLimit limit = new FrameRateLimit(1, 5);
		for (int i = 0; i < 5; i++) {
			assertThat(limit.check(frame(StompCommand.SEND, this.session))).as("frame %d", i + 1).isNull();
		}
		Refusal rejection = limit.check(frame(StompCommand.SEND, this.session));
		assertThat(rejection).isNotNull();
		assertThat(rejection.code()).isEqualTo("rate_limited");
		assertThat(rejection.sentence()).isEqualTo("Too many frames: slow down and reconnect.");
	}

	@Test
	void refillsAtTheSustainedRate() {
		FrameRateLimit limit = new FrameRateLimit(20, 2);
		assertThat(limit.check(frame(StompCommand.SEND, this.session))).isNull();
		assertThat(limit.check(frame(StompCommand.SEND, this.session))).isNull();
		assertThat(limit.check(frame(StompCommand.SEND, this.session))).isNotNull();
		// A refusal takes no token, so one frame passes again after about 50 ms.
		await().atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> limit.check(frame(StompCommand.SEND, this.session)) == null);
	}

	@Test
	void countsDisconnectAsAnyFrame() {
		FrameRateLimit limit = new FrameRateLimit(1, 2);
		assertThat(limit.check(frame(StompCommand.CONNECT, this.session))).isNull();
		assertThat(limit.check(frame(StompCommand.DISCONNECT, this.session))).isNull();
		assertThat(limit.check(frame(StompCommand.DISCONNECT, this.session))).isNotNull();
	}

	@Test
	void countsHeartBeatsAsFrames() {
		FrameRateLimit limit = new FrameRateLimit(1, 1);
		StompHeaderAccessor heartbeat = StompHeaderAccessor.createForHeartbeat();
		heartbeat.setSessionAttributes(this.session);
		assertThat(limit.check(heartbeat)).isNull();
		assertThat(limit.check(frame(StompCommand.SEND, this.session))).isNotNull();
	}

	@Test
	void keepsABucketPerSession() {
		FrameRateLimit limit = new FrameRateLimit(1, 1);
		Map<String, Object> other = new HashMap<>();
		assertThat(limit.check(frame(StompCommand.SEND, this.session))).isNull();
		assertThat(limit.check(frame(StompCommand.SEND, this.session))).isNotNull();
		assertThat(limit.check(frame(StompCommand.SEND, other))).isNull();
	}

	@Test
	void passesAFrameWithoutSession() {
		FrameRateLimit limit = new FrameRateLimit(1, 1);
		for (int i = 0; i < 3; i++) {
			assertThat(limit.check(StompHeaderAccessor.create(StompCommand.SEND))).isNull();
		}
	}

	private static StompHeaderAccessor frame(StompCommand command, Map<String, Object> session) {
		StompHeaderAccessor frame = StompHeaderAccessor.create(command);
		frame.setSessionAttributes(session);
		return frame;
	}

}
