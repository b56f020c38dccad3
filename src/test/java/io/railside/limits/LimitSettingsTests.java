package io.railside.limits;

import io.railside.stomp.StompProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings that contradict each other stop start-up with a message naming them.
 */
class LimitSettingsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, LimitsConfiguration.class);

	@Test
	void aByteBurstBelowTheLargestFrameStopsStartUp() {
		this.runner.withPropertyValues("railside.limits.byte-burst=32KB", "railside.stomp.max-frame-size=64KB")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(LimitSettingException.class)
					.hasMessageContaining("railside.limits.byte-burst")
					.hasMessageContaining("railside.stomp.max-frame-size");
				assertThat(new LimitSettingFailureAnalyzer().analyze(context.getStartupFailure())).isNotNull();
			});
	}

	@Test
	void theDefaultsAgree() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ByteRateLimit.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ LimitProperties.class, StompProperties.class })
	static class Properties {

	}

}
