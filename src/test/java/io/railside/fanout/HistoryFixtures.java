package io.railside.fanout;

import io.railside.history.History;
import io.railside.history.HistoryProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Histories for the fan-out's tests, with the default bounds.
 */
final class HistoryFixtures {

	private HistoryFixtures() {
	}

	static History<Broadcast> history(boolean enabled) {
		HistoryProperties properties = new Binder(new MapConfigurationPropertySource()).bindOrCreate("railside.history",
				HistoryProperties.class);
		return new History<>(properties, enabled, System::currentTimeMillis);
	}

}
