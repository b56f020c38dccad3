package io.railside.publish;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PublishProperties}.
 */
class PublishPropertiesTests {

	@Test
	void defaultsToNoTokenAndTheDocumentedLimits() {
		PublishProperties properties = bind(Map.of());
		assertThat(properties.token()).isNull();
		assertThat(properties.maxRequestSize()).isEqualTo(DataSize.ofMegabytes(1));
		assertThat(properties.maxBatchSize()).isEqualTo(1000);
		assertThat(properties.maxBodySize()).isEqualTo(DataSize.ofKilobytes(64));
		assertThat(properties.idempotencyTtl()).isEqualTo(Duration.ofHours(24));
		assertThat(properties.idempotencyKeys()).isEqualTo(100_000);
	}

	@Test
	void neverPrintsTheToken() {
		PublishProperties properties = bind(Map.of("railside.publish.token", "s3cret-publish-token"));
		assertThat(properties.token()).isEqualTo("s3cret-publish-token");
		assertThat(properties.toString()).doesNotContain("s3cret").contains("token=(set)");
	}

	private static PublishProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("railside.publish",
				PublishProperties.class);
	}

}
