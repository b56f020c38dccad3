package io.railside.stomp;

import io.railside.fanout.FanoutBroker;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.user.UserDestinationResolver;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;

/**
 * What {@code @EnableWebSocketMessageBroker} sets up, with Railside's own session handler
 * in place of Spring's so that ERROR frames reach the client before the close, and an
 * in-memory broker that encodes each broadcast once.
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

	@Bean
	@Override
	public @Nullable AbstractBrokerMessageHandler simpleBrokerMessageHandler(
			AbstractSubscribableChannel clientInboundChannel, AbstractSubscribableChannel clientOutboundChannel,
			AbstractSubscribableChannel brokerChannel, UserDestinationResolver userDestinationResolver) {
		AbstractBrokerMessageHandler stock = super.simpleBrokerMessageHandler(clientInboundChannel,
				clientOutboundChannel, brokerChannel, userDestinationResolver);
		return (stock instanceof SimpleBrokerMessageHandler simple) ? new FanoutBroker(simple) : stock;
	}

}
