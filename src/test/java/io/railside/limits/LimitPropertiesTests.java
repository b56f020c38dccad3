package io.railside.limits;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LimitProperties}.
 */
class LimitPropertiesTests {

	@Test
	void hasTheDocumentedDefaults() {
		LimitProperties limits = LimitRules.defaults();
		assertThat(limits.subscriptions()).isEqualTo(100);
		assertThat(limits.framesPerSecond()).isEqualTo(50);
		assertThat(limits.frameBurst()).isEqualTo(200);
		assertThat(limits.headersPerFrame()).isEqualTo(32);
		assertThat(limits.headerLength()).isEqualTo(8192);
		assertThat(limits.sessions()).isEqualTo(10000);
		assertThat(limits.sendTimeLimit()).isEqualTo(Duration.ofSeconds(10));
		assertThat(limits.sendBufferSize()).isEqualTo(DataSize.ofKilobytes(512));
		assertThat(limits.sessionsPerAddress()).isEqualTo(1000);
		assertThat(limits.sessionsPerUser()).isEqualTo(100);
		assertThat(limits.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(limits.echoSessions()).isEqualTo(1000);
		assertThat(limits.echoIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(limits.sockjsWaitingSessions()).isEqualTo(5000);
		assertThat(limits.sockjsDisconnectDelay()).isEqualTo(Duration.ofSeconds(5));
		assertThat(limits.bytesPerSecond()).isEqualTo(DataSize.ofKilobytes(64));
		assertThat(limits.byteBurst()).isEqualTo(DataSize.ofKilobytes(256));
		assertThat(limits.echoSessionsPerAddress()).isEqualTo(100);
	}

	@Test
	void bindsEachSetting() {
		Map<String, String> settings = Map.of("railside.limits.subscriptions", "3", "railside.limits.frames-per-second",
				"5", "railside.limits.frame-burst", "10", "railside.limits.headers-per-frame", "8",
				"railside.limits.header-length", "256", "railside.limits.sessions", "3",
				"railside.limits.send-time-limit", "1s", "railside.limits.send-buffer-size", "64KB",
				"railside.limits.sockjs-waiting-sessions", "4", "railside.limits.sockjs-disconnect-delay", "2s");
		LimitProperties limits = new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("railside.limits", LimitProperties.class);
		assertThat(limits).isEqualTo(new LimitProperties(3, 5, 10, 8, 256, 3, Duration.ofSeconds(1),
				DataSize.ofKilobytes(64), 1000, 100, Duration.ofSeconds(10), 1000, Duration.ofSeconds(60), 4,
				Duration.ofSeconds(2), DataSize.ofKilobytes(64), DataSize.ofKilobytes(256), 100));
	}

	@Test
	void bindsEachSessionSetting() {
		Map<String, String> settings = Map.of("railside.limits.sessions-per-address", "7",
				"railside.limits.sessions-per-user", "2", "railside.limits.connect-timeout", "3s",
				"railside.limits.echo-sessions", "9", "railside.limits.echo-idle-timeout", "5s");
		LimitProperties limits = new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("railside.limits", LimitProperties.class);
		assertThat(limits)
			.extracting(LimitProperties::sessionsPerAddress, LimitProperties::sessionsPerUser,
					LimitProperties::connectTimeout, LimitProperties::echoSessions, LimitProperties::echoIdleTimeout)
			.containsExactly(7, 2, Duration.ofSeconds(3), 9, Duration.ofSeconds(5));
	}

	@Test
	void bindsEachByteRateSetting() {
		Map<String, String> settings = Map.of("railside.limits.bytes-per-second", "2KB", "railside.limits.byte-burst",
				"8KB");
		LimitProperties limits = new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("railside.limits", LimitProperties.class);
		assertThat(limits).extracting(LimitProperties::bytesPerSecond, LimitProperties::byteBurst)
			.containsExactly(DataSize.ofKilobytes(2), DataSize.ofKilobytes(8));
	}

}
