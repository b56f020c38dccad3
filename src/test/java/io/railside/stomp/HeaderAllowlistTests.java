package io.railside.stomp;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HeaderAllowlist}.
 */
class HeaderAllowlistTests {

	private final HeaderAllowlist allowlist = new HeaderAllowlist();

	@Test
	void keepsOnlyTheReceiptOfDisconnect() {
		StompHeaderAccessor frame = frame(StompCommand.DISCONNECT,
				Map.of("receipt", "bye", "x-custom", "1", "durable", "true", "persistent", "true"));
		assertThat(this.allowlist.check(frame)).isNull();
		assertThat(frame.toNativeHeaderMap().keySet()).containsExactly("receipt");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Authorization", "authorization", "AUTHORIZATION", "aUtHoRiZaTiOn" })
	void dropsAnyAuthorizationLeftOnConnect(String name) {
		// Authentication runs first and reads it (FrameRule.Step): nothing of it goes on.
		StompHeaderAccessor frame = frame(StompCommand.CONNECT,
				Map.of("accept-version", "1.2", name, "Bearer token", "x-custom", "1"));
		assertThat(this.allowlist.check(frame)).isNull();
		assertThat(frame.toNativeHeaderMap().keySet()).containsExactly("accept-version");
	}

	@Test
	void runsAfterAuthentication() {
		assertThat(this.allowlist.step()).isGreaterThan(FrameRule.Step.AUTHENTICATION);
	}

	@Test
	void dropsAuthorizationFromOtherFrames() {
		StompHeaderAccessor frame = frame(StompCommand.SEND,
				Map.of("destination", "/topic/a", "AUTHORIZATION", "Bearer token"));
		assertThat(this.allowlist.check(frame)).isNull();
		assertThat(frame.toNativeHeaderMap().keySet()).containsExactly("destination");
	}

	private static StompHeaderAccessor frame(StompCommand command, Map<String, String> headers) {
		StompHeaderAccessor frame = StompHeaderAccessor.create(command);
		headers.forEach(frame::setNativeHeader);
		return frame;
	}

}
