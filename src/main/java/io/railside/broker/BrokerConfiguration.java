package io.railside.broker;

import io.railside.fanout.Broadcast;
import io.railside.history.History;
import io.railside.stomp.StompProperties;
import io.railside.stomp.StompRefusals;

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
 * heart-beats and no selectors (also in stream mode, where the stream carries messages
 * between instances and this broker delivers to the instance's own sessions), or the
 * relay to RabbitMQ, with user sessions and unresolved user messages shared between
 * instances over the broker.
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration implements WebSocketMessageBrokerConfigurer {

	private static final int SUBSCRIPTION_CACHE_LIMIT = 16 * 1024;

	private static final String INTERNAL_TOPIC = "/topic/" + StompProperties.INTERNAL_TOPIC_PREFIX;

	private final BrokerProperties properties;

	private final StompProperties stomp;

	private final TaskScheduler scheduler;

	private final MessageChannel clientOutboundChannel;

	private final BrokerStatus status;

	private final StompRefusals refusals;

	private final History<Broadcast> history;

	BrokerConfiguration(BrokerProperties properties, StompProperties stomp, History<Broadcast> history,
			@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler messageBrokerTaskScheduler,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel, BrokerStatus status,
			StompRefusals refusals) {
		this.properties = properties;
		this.stomp = stomp;
		this.scheduler = messageBrokerTaskScheduler;
		this.clientOutboundChannel = clientOutboundChannel;
		this.status = status;
		this.refusals = refusals;
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
		if (this.properties.isRelay()) {
			relay(registry);
		}
		else {
			registry.enableSimpleBroker("/topic", "/queue")
				.setHeartbeatValue(this.stomp.heartbeat())
				.setTaskScheduler(this.scheduler)
				.setSelectorHeaderName(null);
		}
		// Spring caches the subscribers of 1,024 destinations; one topic per user or
		// document is common, and a cache miss matches every subscription.
		registry.setCacheLimit(SUBSCRIPTION_CACHE_LIMIT);
		registry.setApplicationDestinationPrefixes("/app");
		registry.setUserDestinationPrefix("/user");
		registry.setPreservePublishOrder(true);
	}

	private void relay(MessageBrokerRegistry registry) {
		registry.configureBrokerChannel().interceptors(new RelayDestinations());
		BrokerProperties.Relay relay = this.properties.relay();
		registry.enableStompBrokerRelay("/topic", "/exchange")
			.setRelayHost(relay.host())
			.setRelayPort(relay.port())
			.setClientLogin(relay.login())
			.setClientPasscode(relay.passcode())
			.setSystemLogin(relay.login())
			.setSystemPasscode(relay.passcode())
			.setVirtualHost(relay.virtualHost())
			.setTaskScheduler(this.scheduler)
			.setUserDestinationBroadcast(INTERNAL_TOPIC + "unresolved-user")
			.setUserRegistryBroadcast(INTERNAL_TOPIC + "user-registry");
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new ReceiptSender(this.clientOutboundChannel, this.properties.type(), this.history));
		if (this.properties.isRelay()) {
			registration.interceptors(new RelayResumes(this.history));
		}
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.interceptors(new BrokerErrors(this.status, this.refusals));
		if (this.properties.isRelay()) {
			registration.interceptors(new RelayResumes(this.history));
		}
	}

}
