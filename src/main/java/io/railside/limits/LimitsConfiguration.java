package io.railside.limits;

import io.railside.refusal.Refusal;
import io.railside.stomp.StompRefusals;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.TaskScheduler;

/**
 * The limits, as rules every inbound frame passes and as the session count every
 * handshake passes.
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

	@Bean
	SessionCount sessionCount() {
		return new SessionCount(this.limits);
	}

	@Bean
	ConnectDeadline connectDeadline(@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler,
			StompRefusals refusals) {
		return new ConnectDeadline(scheduler, refusals, this.limits.connectTimeout());
	}

}
