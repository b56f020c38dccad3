package io.railside.sockjs;

import io.railside.history.HistoryProperties;
import io.railside.limits.LimitProperties;
import io.railside.stomp.SockJsServiceCustomizer;
import io.railside.stomp.StompProperties;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * The guards of the SockJS endpoint that {@code io.railside.stomp} registers: a request
 * filter ahead of Spring's SockJS service, and the sessions it counts.
 */
@Configuration(proxyBeanMethods = false)
class SockJsConfiguration implements WebSocketMessageBrokerConfigurer {

	private static final String ENDPOINT = "/sockjs";

	private static final int SPRING_MESSAGE_CACHE = 100;

	private final SockJsSessions sessions;

	SockJsConfiguration(SockJsSessions sessions) {
		this.sessions = sessions;
	}

	@Bean
	static SockJsSessions sockJsSessions(LimitProperties limits) {
		return new SockJsSessions(limits.sockjsWaitingSessions());
	}

	/**
	 * How long a SockJS session may wait for its next HTTP request.
	 * @param limits the limits
	 * @return the setting, for the STOMP configuration to apply
	 */
	@Bean
	static SockJsServiceCustomizer sockJsDisconnectDelay(LimitProperties limits) {
		return (registration) -> registration.setDisconnectDelay(limits.sockjsDisconnectDelay().toMillis());
	}

	/**
	 * How many frames a SockJS session over HTTP keeps between two polls. Spring keeps
	 * 100 and fails the send of any frame past them; a resume replays up to
	 * {@code railside.history.replay-messages} and holds back as many live ones, and an
	 * XHR client polls once for all of them.
	 * @param history the history settings
	 * @return the setting, for the STOMP configuration to apply
	 */
	@Bean
	static SockJsServiceCustomizer sockJsMessageCache(HistoryProperties history) {
		return (registration) -> registration.setHttpMessageCacheSize(
				Math.max(SPRING_MESSAGE_CACHE, 2 * history.replayMessages() + SPRING_MESSAGE_CACHE));
	}

	@Bean
	FilterRegistrationBean<SockJsRequestFilter> sockJsRequestFilter(StompProperties stomp) {
		SockJsRequestFilter filter = new SockJsRequestFilter(ENDPOINT, this.sessions,
				SendBody.limit(stomp.maxFrameSize()));
		FilterRegistrationBean<SockJsRequestFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns(ENDPOINT, ENDPOINT + "/*");
		// Right after the access token filter, before Spring Security and the SockJS
		// service
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.addDecoratorFactory(this.sessions::tracking);
	}

}
