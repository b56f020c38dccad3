package io.railside.stomp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;

/**
 * What {@code @EnableWebSocketMessageBroker} sets up, with Railside's own session handler
 * in place of Spring's so that ERROR frames reach the client before the close.
 */
@Configuration(proxyBeanMethods = false)
class StompBrokerConfiguration extends DelegatingWebSocketMessageBrokerConfiguration {

	@Bean
	@Override
	public WebSocketHandler subProtocolWebSocketHandler(AbstractSubscribableChannel clientInboundChannel,
			AbstractSubscribableChannel clientOutboundChannel) {
		DrainingSubProtocolWebSocketHandler handler = new DrainingSubProtocolWebSocketHandler(clientInboundChannel,
				clientOutboundChannel);
		handler.setPhase(getPhase());
		return handler;
	}

}
