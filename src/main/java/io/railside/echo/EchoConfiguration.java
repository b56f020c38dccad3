package io.railside.echo;

import java.util.List;
import java.util.Map;

import io.railside.limits.LimitProperties;
import io.railside.sessions.SessionCount;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Maps the echo to {@code /echo} and to WebSocket upgrades of {@code /}, so the classic
 * hosting-guide page that opens {@code ws://host/} works, while a plain GET of {@code /}
 * still reaches the test page. The echo carries no credentials, so any Origin may use it.
 */
@Configuration(proxyBeanMethods = false)
class EchoConfiguration {

	private final EchoProperties properties;

	private final SessionCount sessionCount;

	private final LimitProperties limits;

	EchoConfiguration(EchoProperties properties, SessionCount sessionCount, LimitProperties limits) {
		this.properties = properties;
		this.sessionCount = sessionCount;
		this.limits = limits;
	}

	@Bean
	WebSocketHandlerMapping echoHandlerMapping() {
		WebSocketHttpRequestHandler echo = new WebSocketHttpRequestHandler(this.sessionCount.counting(
				new EchoHandler((int) this.properties.maxMessageSize().toBytes(), this.limits.echoIdleTimeout()), true),
				new DefaultHandshakeHandler());
		echo.setHandshakeInterceptors(List.of(this.sessionCount.handshakes(true)));
		WebSocketHandlerMapping mapping = new WebSocketHandlerMapping();
		mapping.setUrlMap(Map.of("/", echo, "/echo", echo));
		mapping.setWebSocketUpgradeMatch(true);
		mapping.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return mapping;
	}

}
