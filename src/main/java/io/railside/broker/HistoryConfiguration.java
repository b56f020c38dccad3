package io.railside.broker;

import io.railside.fanout.Broadcast;
import io.railside.history.History;
import io.railside.history.HistoryProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topics' positions and history, kept by the in-memory broker; in relay mode RabbitMQ
 * keeps none, and resumes are answered {@code not_supported}.
 */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

	@Bean
	History<Broadcast> history(HistoryProperties properties, BrokerProperties broker) {
		return new History<>(properties, !broker.isRelay(), System::currentTimeMillis);
	}

}
