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
 * Tests for {@link ByteRateLimit}.
 */
class ByteRateLimitTests {

	private final Map<String, Object> session = new HashMap<>();

	@Test
	void passesABurstOfBytesAndRefusesTheNextFrame() {
		ByteRateLimit limit = new ByteRateLimit(1, 4000);
		for (int i = 0; i < 3; i++) {
			assertThat(limit.check(send(this.session), 1000)).as("frame %d", i + 1).isNull();
		}
		Refusal rejection = limit.check(send(this.session), 1000);
		assertThat(rejection).isNotNull();
		assertThat(rejection.code()).isEqualTo("rate_limited");
		assertThat(rejection.sentence()).isEqualTo("Too much data too fast: slow down and reconnect.");
	}

	@Test
	void countsHeadersAsTheyAreWritten() {
		StompHeaderAccessor frame = send(this.session);
		// SEND, a line end, destination:/topic/a, a line end, a blank line, the body, NUL
		assertThat(ByteRateLimit.size(frame, 5)).isEqualTo(5 + 21 + 1 + 5 + 1);
	}

	@Test
	void passesManySmallFramesWhereOneLargeOneIsRefused() {
		ByteRateLimit limit = new ByteRateLimit(1, 1000);
		for (int i = 0; i < 20; i++) {
			assertThat(limit.check(send(this.session), 10)).as("frame %d", i + 1).isNull();
		}
		assertThat(limit.check(send(new HashMap<>()), 1000)).as("one frame over the burst").isNotNull();
	}

	@Test
	void refillsAtTheSustainedRate() {
		ByteRateLimit limit = new ByteRateLimit(20_000, 1000);
		assertThat(limit.check(send(this.session), 900)).isNull();
		assertThat(limit.check(send(this.session), 900)).isNotNull();
		// A refusal takes nothing, so the frame passes again after about 45 ms.
		await().atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> limit.check(send(this.session), 900) == null);
	}

	@Test
	void countsDisconnectAndHeartBeats() {
		ByteRateLimit limit = new ByteRateLimit(1, 30);
		StompHeaderAccessor heartbeat = StompHeaderAccessor.createForHeartbeat();
		heartbeat.setSessionAttributes(this.session);
		assertThat(limit.check(heartbeat, 0)).isNull();
		StompHeaderAccessor disconnect = StompHeaderAccessor.create(StompCommand.DISCONNECT);
		disconnect.setReceipt("bye");
		disconnect.setSessionAttributes(this.session);
		// DISCONNECT, receipt:bye, line ends and NUL: 25 of the 29 left
		assertThat(limit.check(disconnect, 0)).isNull();
		assertThat(limit.check(disconnect, 0)).isNotNull();
	}

	@Test
	void keepsABucketPerSession() {
		ByteRateLimit limit = new ByteRateLimit(1, 1000);
		assertThat(limit.check(send(this.session), 900)).isNull();
		assertThat(limit.check(send(this.session), 900)).isNotNull();
		assertThat(limit.check(send(new HashMap<>()), 900)).isNull();
	}

	@Test
	void passesAFrameWithoutSession() {
		ByteRateLimit limit = new ByteRateLimit(1, 10);
		assertThat(limit.check(StompHeaderAccessor.create(StompCommand.SEND), 1000)).isNull();
	}

	private static StompHeaderAccessor send(Map<String, Object> session) {
		StompHeaderAccessor frame = StompHeaderAccessor.create(StompCommand.SEND);
		frame.setDestination("/topic/a");
		frame.setSessionAttributes(session);
		return frame;
	}

}
