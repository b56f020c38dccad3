package io.railside.stomp;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.SockJsServiceRegistration;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * STOMP on {@code /stomp} (WebSocket) and {@code /sockjs} (SockJS): frames received in
 * order, passed through the {@link FrameRule}s (limits, authentication, destination
 * rules, authorization) before any broker sees them, and ERROR frames of Railside's own.
 * Handshake interceptors (session limits, the access token) and session limits plug in
 * from their own packages, as beans and {@code WebSocketMessageBrokerConfigurer}s.
 * SockJS's HTTP requests are checked before the SockJS service reads them, in
 * {@code io.railside.sockjs}.
 */
@Configuration(proxyBeanMethods = false)
class StompConfiguration implements WebSocketMessageBrokerConfigurer {

	private final StompProperties properties;

	private final StompRefusals refusals;

	private final ObjectProvider<FrameRule> frameRules;

	private final ObjectProvider<HandshakeInterceptor> handshakeInterceptors;

	private final ObjectProvider<SockJsServiceCustomizer> sockJsCustomizers;

	StompConfiguration(StompProperties properties, StompRefusals refusals, ObjectProvider<FrameRule> frameRules,
			ObjectProvider<HandshakeInterceptor> handshakeInterceptors,
			ObjectProvider<SockJsServiceCustomizer> sockJsCustomizers) {
		this.sockJsCustomizers = sockJsCustomizers;
		this.properties = properties;
		this.refusals = refusals;
		this.frameRules = frameRules;
		this.handshakeInterceptors = handshakeInterceptors;
	}

	@Bean
	static HeaderAllowlist headerAllowlist() {
		return new HeaderAllowlist();
	}

	@Bean
	static ResumeRequests resumeRequests() {
		return new ResumeRequests();
	}

	@Bean
	static DestinationRules destinationRules(StompProperties properties) {
		return new DestinationRules(properties.maxDestinationLength());
	}

	@Bean
	static StompRefusals stompRefusals(@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel,
			ObjectProvider<MeterRegistry> meters) {
		return new StompRefusals(clientOutboundChannel, meters);
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		String[] origins = this.properties.allowedOrigins().toArray(String[]::new);
		HandshakeInterceptor[] interceptors = this.handshakeInterceptors.orderedStream()
			.toArray(HandshakeInterceptor[]::new);
		registry.addEndpoint("/stomp")
			.setHandshakeHandler(EndpointProtocols.offering((protocol) -> protocol.endsWith(".stomp")))
			.setAllowedOriginPatterns(origins)
			.addInterceptors(interceptors);
		SockJsServiceRegistration sockJs = registry.addEndpoint("/sockjs")
			.setHandshakeHandler(EndpointProtocols.offering((protocol) -> protocol.endsWith(".stomp")))
			.setAllowedOriginPatterns(origins)
			.addInterceptors(interceptors)
			.withSockJS()
			.setClientLibraryUrl("/webjars/sockjs-client/dist/sockjs.min.js");
		this.sockJsCustomizers.orderedStream().forEach((customizer) -> customizer.customize(sockJs));
		registry.setErrorHandler(new StompErrorHandler(maxFrameSize(), this.refusals));
		registry.setPreserveReceiveOrder(true);
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.setMessageSizeLimit(maxFrameSize());
		registration.addDecoratorFactory((handler) -> new PartialFrames(handler, maxFrameSize()));
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new FrameGuard(this.frameRules.stream().toList(), this.refusals));
	}

	private int maxFrameSize() {
		return (int) this.properties.maxFrameSize().toBytes();
	}

}
