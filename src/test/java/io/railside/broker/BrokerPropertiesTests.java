package io.railside.broker;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BrokerProperties}.
 */
class BrokerPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@Test
	void theBrokerIsInMemoryUnlessToldOtherwise() {
		this.context.run((context) -> assertThat(context.getBean(BrokerProperties.class).isStream()).isFalse());
	}

	@Test
	void streamModeIsTakenInAnyCase() {
		this.context.withPropertyValues("railside.broker.type=Stream")
			.run((context) -> assertThat(context.getBean(BrokerProperties.class).isStream()).isTrue());
	}

	@Test
	void relayModeIsRefusedWithTheWayToStreamMode() {
		this.context.withPropertyValues("railside.broker.type=relay")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Relay mode was replaced by stream mode")
				.hasMessageContaining("RAILSIDE_BROKER=stream"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BrokerProperties.class)
	static class Settings {

	}

}
