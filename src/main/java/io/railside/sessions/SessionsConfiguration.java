package io.railside.sessions;

import io.railside.limits.LimitProperties;
import io.railside.stomp.StompRefusals;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.TaskScheduler;

/**
 * The session count every handshake passes, the CONNECT deadline, and the close of every
 * session at shutdown.
 */
@Configuration(proxyBeanMethods = false)
class SessionsConfiguration {

	private final LimitProperties limits;

	SessionsConfiguration(LimitProperties limits) {
		this.limits = limits;
	}

	@Bean
	SessionCount sessionCount() {
		return new SessionCount(this.limits);
	}

	@Bean
	GoingAway goingAway(SessionCount sessionCount) {
		return new GoingAway(sessionCount);
	}

	@Bean
	ConnectDeadline connectDeadline(@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler,
			StompRefusals refusals) {
		return new ConnectDeadline(scheduler, refusals, this.limits.connectTimeout());
	}

}
