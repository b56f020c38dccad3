package io.railside.broker;

import io.railside.fanout.Broadcast;
import io.railside.history.History;
import io.railside.history.HistoryProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topics' positions and history, kept by the in-memory broker of each instance; in
 * stream mode the positions are the stream's.
 */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

	@Bean
	History<Broadcast> history(HistoryProperties properties, BrokerProperties broker) {
		History<Broadcast> history = new History<>(properties, true, System::currentTimeMillis);
		if (broker.isStream()) {
			history.awaitLog();
		}
		return history;
	}

}
