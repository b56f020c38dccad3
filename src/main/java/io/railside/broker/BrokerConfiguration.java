package io.railside.broker;

import io.railside.fanout.Broadcast;
import io.railside.history.History;
import io.railside.stomp.StompProperties;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * The broker behind {@code /topic} and the user queues: Spring's in-memory broker, with
 * heart-beats and no selectors (its subscriptions indexed by destination, see
 * {@code io.railside.fanout.FanoutBroker}), in both modes (in stream mode a RabbitMQ
 * stream carries messages between instances, and this broker delivers to the instance's
 * own sessions).
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration implements WebSocketMessageBrokerConfigurer {

	private final BrokerProperties properties;

	private final StompProperties stomp;

	private final TaskScheduler scheduler;

	private final MessageChannel clientOutboundChannel;

	private final BrokerStatus status;

	private final History<Broadcast> history;

	BrokerConfiguration(BrokerProperties properties, StompProperties stomp, History<Broadcast> history,
			@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler messageBrokerTaskScheduler,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel, BrokerStatus status) {
		this.properties = properties;
		this.stomp = stomp;
		this.scheduler = messageBrokerTaskScheduler;
		this.clientOutboundChannel = clientOutboundChannel;
		this.status = status;
		this.history = history;
	}

	@Bean
	static BrokerStatus brokerStatus() {
		return new BrokerStatus();
	}

	@Bean
	BrokerHealthIndicator brokerHealthIndicator() {
		return new BrokerHealthIndicator(this.status);
	}

	@Bean
	BrokerAvailabilityRule brokerAvailabilityRule() {
		return new BrokerAvailabilityRule(this.status);
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.enableSimpleBroker("/topic", "/queue", "/cable")
			.setHeartbeatValue(this.stomp.heartbeat())
			.setTaskScheduler(this.scheduler)
			.setSelectorHeaderName(null);
		registry.setApplicationDestinationPrefixes("/app");
		registry.setUserDestinationPrefix("/user");
		registry.setPreservePublishOrder(true);
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration
			.interceptors(new ReceiptSender(this.clientOutboundChannel, this.properties.isStream(), this.history));
	}

}
