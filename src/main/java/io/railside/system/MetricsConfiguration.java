package io.railside.system;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationPredicate;
import io.railside.broker.BrokerStatus;
import io.railside.history.History;
import io.railside.history.Resume.Outcome;
import io.railside.sessions.SessionCount;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Railside's metrics, published by Micrometer (Prometheus at
 * {@code /actuator/prometheus}): open sessions by transport, frames in and out, ERROR
 * frames by code, refused handshakes, whether the broker is available, and the history's
 * resumes and size. Publish API requests are counted by the publish API.
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

	/**
	 * WebSocket handshakes are counted as sessions ({@code railside.sessions}) and, when
	 * refused, by {@link RefusedHandshakes}, not timed as HTTP requests: the observation
	 * of each cost about a tenth of a handshake's CPU when clients storm in, and its
	 * timer would measure only the upgrade.
	 * @return the predicate that leaves handshakes unobserved
	 */
	@Bean
	static ObservationPredicate handshakesUnobserved() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& RefusedHandshakes.isUpgrade(request.getCarrier()));
	}

	/**
	 * Refused handshakes still count: see {@link RefusedHandshakes}. Among the first
	 * filters (the others there answer no request), so that it sees the status whichever
	 * filter or handler set it.
	 * @return the filter's registration
	 */
	@Bean
	FilterRegistrationBean<RefusedHandshakes> refusedHandshakes() {
		FilterRegistrationBean<RefusedHandshakes> registration = new FilterRegistrationBean<>(
				new RefusedHandshakes(this.registry));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
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
	MeterBinder historyMetrics(History<?> history) {
		return (registry) -> {
			for (Outcome outcome : Outcome.values()) {
				FunctionCounter.builder("railside.history.resumes", history, (counts) -> counts.resumes(outcome))
					.description("SUBSCRIBEs that asked to resume, by outcome")
					.tag("outcome", outcome.reason())
					.register(registry);
			}
			FunctionCounter.builder("railside.history.replayed", history, History::replayed)
				.description("Messages resumes sent from history or held back while replaying")
				.register(registry);
			Gauge.builder("railside.history.bytes", history, History::bytes)
				.description("Bytes the topics' history holds")
				.baseUnit("bytes")
				.register(registry);
			Gauge.builder("railside.history.messages", history, History::messages)
				.description("Messages the topics' history holds")
				.register(registry);
			Gauge.builder("railside.history.topics", history, History::topics)
				.description("Topics with a history or a kept position")
				.register(registry);
		};
	}

	@Bean
	MeterBinder brokerMetrics(BrokerStatus broker) {
		return (registry) -> Gauge
			.builder("railside.broker.available", broker, (status) -> status.isAvailable() ? 1 : 0)
			.description("1 while the message broker takes messages, 0 while it is away")
			.register(registry);
	}

}
