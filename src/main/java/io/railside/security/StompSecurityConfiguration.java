package io.railside.security;

import io.railside.stomp.StompRefusals;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.scheduling.TaskScheduler;

/**
 * The security rules every STOMP frame passes: authentication on CONNECT (with the
 * handshake's {@code access_token}), token expiry, and topic authorization.
 */
@Configuration(proxyBeanMethods = false)
class StompSecurityConfiguration {

	private final JwtProperties properties;

	StompSecurityConfiguration(JwtProperties properties) {
		this.properties = properties;
	}

	@Bean
	FilterRegistrationBean<AccessTokenFilter> accessTokenFilter() {
		FilterRegistrationBean<AccessTokenFilter> registration = new FilterRegistrationBean<>(new AccessTokenFilter());
		registration.addUrlPatterns("/stomp", "/stomp/*", "/sockjs", "/sockjs/*", "/cable");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	HandshakeAuthentication handshakeAuthentication(TokenVerifier verifier) {
		return new HandshakeAuthentication(verifier);
	}

	@Bean
	AccessTokenHandshake accessTokenHandshake() {
		return new AccessTokenHandshake();
	}

	@Bean
	SessionExpiry sessionExpiry(@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler,
			StompRefusals refusals) {
		return new SessionExpiry(scheduler, refusals, this.properties.clockSkew());
	}

	@Bean
	ConnectAuthentication connectAuthentication(TokenVerifier tokenVerifier, SessionExpiry sessionExpiry) {
		return new ConnectAuthentication(tokenVerifier, sessionExpiry);
	}

	@Bean
	TopicAuthorization topicAuthorization(TokenVerifier tokenVerifier) {
		return new TopicAuthorization(tokenVerifier);
	}

}
