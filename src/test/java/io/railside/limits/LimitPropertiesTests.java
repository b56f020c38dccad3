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
		assertThat(limits.bytesPerSecond()).isEqualTo(DataSize.ofKilobytes(64));
		assertThat(limits.byteBurst()).isEqualTo(DataSize.ofKilobytes(256));
	}

	@Test
	void bindsEachSetting() {
		Map<String, String> settings = Map.of("railside.limits.subscriptions", "3", "railside.limits.frames-per-second",
				"5", "railside.limits.frame-burst", "10", "railside.limits.headers-per-frame", "8",
				"railside.limits.header-length", "256", "railside.limits.sessions", "3",
				"railside.limits.send-time-limit", "1s", "railside.limits.send-buffer-size", "64KB",
				"railside.limits.bytes-per-second", "2KB", "railside.limits.byte-burst", "8KB");
		LimitProperties limits = new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("railside.limits", LimitProperties.class);
		assertThat(limits).isEqualTo(new LimitProperties(3, 5, 10, 8, 256, 3, Duration.ofSeconds(1),
				DataSize.ofKilobytes(64), DataSize.ofKilobytes(2), DataSize.ofKilobytes(8)));
	}

}
