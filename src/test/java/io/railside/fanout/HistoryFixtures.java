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

	/**
	 * Pacing for a test that replays nothing.
	 * @return 64 KiB pages, and nobody cut off
	 */
	static ReplayPacing noPacing() {
		return new ReplayPacing() {

			@Override
			public int pageBytes() {
				return 64 * 1024;
			}

			@Override
			public void cutOff(String sessionId) {
			}

		};
	}

	static History<Broadcast> history(boolean enabled) {
		HistoryProperties properties = new Binder(new MapConfigurationPropertySource()).bindOrCreate("railside.history",
				HistoryProperties.class);
		return new History<>(properties, enabled, System::currentTimeMillis);
	}

}
