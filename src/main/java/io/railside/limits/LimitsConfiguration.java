package io.railside.limits;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The limits, as rules every inbound frame passes.
 */
@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

	private final LimitProperties limits;

	LimitsConfiguration(LimitProperties limits) {
		this.limits = limits;
	}

	@Bean
	FrameHeaderLimit frameHeaderLimit() {
		return new FrameHeaderLimit(this.limits.headersPerFrame(), this.limits.headerLength());
	}

	@Bean
	FrameRateLimit frameRateLimit() {
		return new FrameRateLimit(this.limits.framesPerSecond(), this.limits.frameBurst());
	}

	@Bean
	ByteRateLimit byteRateLimit() {
		return new ByteRateLimit(this.limits.bytesPerSecond().toBytes(), this.limits.byteBurst().toBytes());
	}

	@Bean
	SubscriptionLimit subscriptionLimit() {
		return new SubscriptionLimit(this.limits.subscriptions());
	}

	@Bean
	UserSessionLimit userSessionLimit() {
		return new UserSessionLimit(this.limits.sessionsPerUser());
	}

}
