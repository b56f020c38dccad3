package io.railside.cable;

import io.micrometer.core.instrument.MeterRegistry;
import io.railside.broker.BrokerStatus;
import io.railside.limits.LimitProperties;
import io.railside.security.HandshakeAuthentication;
import io.railside.sessions.SessionCount;
import io.railside.stomp.EndpointProtocols;
import io.railside.stomp.StompProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Action Cable at {@code /cable}, on both connectors: its protocol handler joins STOMP's
 * in Spring's session handler (so sessions, limits, send buffers, ordering and the broker
 * are shared), and the endpoint offers only Action Cable's protocol, which is also what a
 * client that asks for none gets. The handshake passes the same checks as STOMP's
 * (origins, session limits, the token in the URL).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CableProperties.class)
class CableConfiguration implements WebSocketMessageBrokerConfigurer {

	private final CableProperties properties;

	private final StompProperties stomp;

	private final ObjectProvider<HandshakeInterceptor> handshakeInterceptors;

	CableConfiguration(CableProperties properties, StompProperties stomp,
			ObjectProvider<HandshakeInterceptor> handshakeInterceptors) {
		this.properties = properties;
		this.stomp = stomp;
		this.handshakeInterceptors = handshakeInterceptors;
	}

	@Bean
	SignedStreamNames signedStreamNames(JsonMapper json) {
		return new SignedStreamNames(this.properties.secret(), json);
	}

	@Bean
	CableProtocolHandler cableProtocolHandler(SignedStreamNames signed, HandshakeAuthentication authentication,
			JsonMapper json, LimitProperties limits, BrokerStatus broker, ObjectProvider<MeterRegistry> meters) {
		CableChannels channels = new CableChannels(signed, authentication, this.properties.publicStreams(), json,
				this.stomp.maxDestinationLength());
		CableRefusals refusals = new CableRefusals(meters);
		return new CableProtocolHandler(authentication, new CableSubscriptions(channels, refusals, limits), refusals,
				json, limits, broker);
	}

	@Bean
	CablePings cablePings(CableProtocolHandler handler,
			@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel) {
		return new CablePings(handler, scheduler, clientOutboundChannel, this.properties.pingInterval());
	}

	@Bean
	CableShutdown cableShutdown(CableProtocolHandler handler, SessionCount sessionCount,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel) {
		return new CableShutdown(handler, sessionCount, clientOutboundChannel);
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		HandshakeInterceptor[] interceptors = this.handshakeInterceptors.orderedStream()
			.toArray(HandshakeInterceptor[]::new);
		registry.addEndpoint("/cable")
			.setHandshakeHandler(EndpointProtocols.offering((protocol) -> protocol.equals(CableProtocolHandler.PROTOCOL)
					|| protocol.equals(CableProtocolHandler.EXTENDED_PROTOCOL)))
			.setAllowedOriginPatterns(this.stomp.allowedOrigins().toArray(String[]::new))
			.addInterceptors(interceptors)
			.addInterceptors(EndpointProtocols.defaulting(CableProtocolHandler.PROTOCOL));
	}

}
