package io.railside.system;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.railside.broker.BrokerStatus;
import io.railside.sessions.SessionCount;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Railside's metrics, published by Micrometer (Prometheus at
 * {@code /actuator/prometheus}): open sessions by transport, frames in and out, ERROR
 * frames by code, and whether the broker is available. Publish API requests are counted
 * by the publish API.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration implements WebSocketMessageBrokerConfigurer {

	private final MeterRegistry registry;

	MetricsConfiguration(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new FrameCounter(this.registry, "inbound"));
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.interceptors(new FrameCounter(this.registry, "outbound"));
	}

	@Bean
	MeterBinder sessionMetrics(SessionCount sessions) {
		return (registry) -> SessionCount.transports()
			.forEach((transport) -> Gauge.builder("railside.sessions", sessions, (count) -> count.open(transport))
				.description("Open WebSocket sessions")
				.tag("transport", transport)
				.register(registry));
	}

	@Bean
	MeterBinder brokerMetrics(BrokerStatus broker) {
		return (registry) -> Gauge
			.builder("railside.broker.available", broker, (status) -> status.isAvailable() ? 1 : 0)
			.description("1 while the message broker takes messages, 0 while it is away")
			.register(registry);
	}

}
