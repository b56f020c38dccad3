package io.railside.stomp;

import io.railside.limits.LimitProperties;
import io.railside.limits.SessionCount;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * STOMP on {@code /stomp} (WebSocket) and {@code /sockjs} (SockJS), with the in-memory
 * broker for {@code /topic} and user queues, heart-beats, ordered delivery, and the
 * destination rules and limits in front of the broker.
 */
@Configuration(proxyBeanMethods = false)
class StompConfiguration implements WebSocketMessageBrokerConfigurer {

	private final StompProperties properties;

	private final TaskScheduler heartbeatScheduler;

	private final SessionRejector sessionRejector;

	private final MessageChannel clientOutboundChannel;

	private final LimitProperties limits;

	private final SessionCount sessionCount;

	private final ObjectProvider<FrameRule> frameRules;

	private final ObjectProvider<HandshakeInterceptor> handshakeInterceptors;

	StompConfiguration(StompProperties properties, LimitProperties limits, SessionCount sessionCount,
			@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler messageBrokerTaskScheduler,
			SessionRejector sessionRejector,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel,
			ObjectProvider<FrameRule> frameRules, ObjectProvider<HandshakeInterceptor> handshakeInterceptors) {
		this.properties = properties;
		this.limits = limits;
		this.sessionCount = sessionCount;
		this.heartbeatScheduler = messageBrokerTaskScheduler;
		this.sessionRejector = sessionRejector;
		this.clientOutboundChannel = clientOutboundChannel;
		this.frameRules = frameRules;
		this.handshakeInterceptors = handshakeInterceptors;
	}

	@Bean
	static DestinationRules destinationRules(StompProperties properties) {
		return new DestinationRules(properties.maxDestinationLength());
	}

	@Bean
	static SessionRejector sessionRejector(
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel) {
		return new SessionRejector(clientOutboundChannel);
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		String[] origins = this.properties.allowedOrigins().toArray(String[]::new);
		HandshakeInterceptor[] interceptors = this.handshakeInterceptors.orderedStream()
			.toArray(HandshakeInterceptor[]::new);
		registry.addEndpoint("/stomp").setAllowedOriginPatterns(origins).addInterceptors(interceptors);
		registry.addEndpoint("/sockjs")
			.setAllowedOriginPatterns(origins)
			.addInterceptors(interceptors)
			.withSockJS()
			.setClientLibraryUrl("/webjars/sockjs-client/dist/sockjs.min.js");
		registry.setErrorHandler(new StompErrorHandler(maxFrameSize()));
		registry.setPreserveReceiveOrder(true);
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.enableSimpleBroker("/topic", "/queue")
			.setHeartbeatValue(this.properties.heartbeat())
			.setTaskScheduler(this.heartbeatScheduler)
			.setSelectorHeaderName(null);
		registry.setApplicationDestinationPrefixes("/app");
		registry.setUserDestinationPrefix("/user");
		registry.setPreservePublishOrder(true);
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.setMessageSizeLimit(maxFrameSize());
		registration.setSendTimeLimit((int) this.limits.sendTimeLimit().toMillis());
		registration.setSendBufferSizeLimit((int) this.limits.sendBufferSize().toBytes());
		registration.addDecoratorFactory(PartialFrames::new);
		registration.addDecoratorFactory(this.sessionCount::counting);
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new FrameGuard(this.frameRules.orderedStream().toList(), this.sessionRejector),
				new ReceiptSender(this.clientOutboundChannel));
	}

	/**
	 * The container's per-message buffer: SockJS hands whole messages over, so it must
	 * hold the largest frame; raw STOMP and the echo take larger messages in parts.
	 * @return the container settings
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(maxFrameSize());
		container.setMaxBinaryMessageBufferSize(maxFrameSize());
		return container;
	}

	private int maxFrameSize() {
		return (int) this.properties.maxFrameSize().toBytes();
	}

}
