package io.railside.limits;

import io.railside.stomp.StompProperties;

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
	ByteRateLimit byteRateLimit(StompProperties stomp) {
		long burst = this.limits.byteBurst().toBytes();
		if (burst < stomp.maxFrameSize().toBytes()) {
			throw new LimitSettingException("railside.limits.byte-burst (" + this.limits.byteBurst()
					+ ") is smaller than railside.stomp.max-frame-size (" + stomp.maxFrameSize()
					+ "): every frame larger than the burst would be refused with rate_limited.");
		}
		return new ByteRateLimit(this.limits.bytesPerSecond().toBytes(), burst);
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
