package io.railside.sessions;

import io.railside.limits.LimitProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The session limits of the STOMP endpoints, plugged in from here so that the STOMP
 * configuration needs to know none of them: the handshake check, the session count, the
 * CONNECT deadline and the slow-consumer limits.
 */
@Configuration(proxyBeanMethods = false)
class StompSessionLimitsConfiguration implements WebSocketMessageBrokerConfigurer {

	private final LimitProperties limits;

	private final SessionCount sessionCount;

	private final ConnectDeadline connectDeadline;

	StompSessionLimitsConfiguration(LimitProperties limits, SessionCount sessionCount,
			ConnectDeadline connectDeadline) {
		this.limits = limits;
		this.sessionCount = sessionCount;
		this.connectDeadline = connectDeadline;
	}

	/**
	 * The STOMP endpoints' handshake check, first of their interceptors: a refused
	 * handshake costs nothing more.
	 * @return the interceptor
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	HandshakeInterceptor stompHandshakeLimit() {
		return this.sessionCount.handshakes(false);
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.setSendTimeLimit((int) this.limits.sendTimeLimit().toMillis());
		registration.setSendBufferSizeLimit((int) this.limits.sendBufferSize().toBytes());
		registration.addDecoratorFactory((handler) -> this.sessionCount.counting(handler, false));
		registration.addDecoratorFactory(this.connectDeadline::decorate);
	}

}
