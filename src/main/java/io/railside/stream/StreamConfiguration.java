package io.railside.stream;

import java.time.Duration;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.railside.broker.BrokerStatus;
import io.railside.fanout.Broadcast;
import io.railside.history.History;
import io.railside.history.HistoryProperties;
import io.railside.stomp.StompProperties;
import io.railside.stomp.StompRefusals;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.user.SimpUserRegistry;

/**
 * Stream mode ({@code railside.broker.type=stream}): the bus on RabbitMQ's stream, its
 * connection and its metrics.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "railside.broker.type", havingValue = "stream")
class StreamConfiguration {

	private final StreamProperties properties;

	StreamConfiguration(StreamProperties properties) {
		this.properties = properties;
	}

	@Bean
	StreamBus streamBus(StompProperties stomp, History<Broadcast> history, BrokerStatus status,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel,
			@Lazy @Qualifier("brokerChannel") MessageChannel brokerChannel, @Lazy StompRefusals refusals,
			@Lazy SimpUserRegistry users, MeterRegistry meters) {
		Timer confirms = Timer.builder("railside.stream.confirm")
			.description("Time from an append to RabbitMQ's confirm")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
		return new StreamBus(new StreamMessages(stomp.maxDestinationLength(), stomp.maxFrameSize().toBytes()),
				new StreamAnswers(clientOutboundChannel, refusals), new UserDelivery(users, brokerChannel),
				brokerChannel, history, status, confirms);
	}

	@Bean
	StreamConnection streamConnection(StreamBus streamBus, HistoryProperties history) {
		Duration readBack = (history.metaTtl().compareTo(history.ttl()) > 0) ? history.metaTtl() : history.ttl();
		return new StreamConnection(this.properties, new StreamTopology(this.properties, readBack), streamBus,
				readBack);
	}

	@Bean
	MeterBinder streamMetrics(StreamBus streamBus, StreamConnection streamConnection) {
		return (registry) -> {
			Gauge.builder("railside.stream.lag", streamConnection, StreamConnection::lag)
				.description("Messages this instance is behind the stream's end (the end read every 10 s)")
				.register(registry);
			FunctionCounter.builder("railside.stream.appends.refused", streamBus, StreamBus::refused)
				.description("Messages published here that RabbitMQ did not take (answered 503 or ERROR)")
				.register(registry);
			FunctionCounter.builder("railside.stream.rejected", streamBus, StreamBus::rejected)
				.description("Messages published straight to RabbitMQ that were not delivered (bad name or size)")
				.register(registry);
		};
	}

}
