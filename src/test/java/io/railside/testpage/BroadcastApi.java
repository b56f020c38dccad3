package io.railside.testpage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broadcasts to an Action Cable stream through {@code POST /_broadcast}, as a Rails app
 * does with AnyCable's HTTP broadcaster, so that browser tests can have messages sent
 * while the page watches or is away.
 */
final class BroadcastApi {

	/** The broadcast key of the contexts that use this. */
	static final String KEY = "browser-tests-broadcast-key";

	static final String KEY_SETTING = "railside.cable.broadcast-key=" + KEY;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.shared();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final URI uri;

	BroadcastApi(int httpPort) {
		this.uri = URI.create("http://localhost:" + httpPort + "/_broadcast");
	}

	/**
	 * Broadcast a message and wait for Railside to take it.
	 * @param stream the stream name
	 * @param message what {@code ActionCable.server.broadcast} would be given: encoded as
	 * JSON here, as Rails encodes it before it sends
	 */
	void broadcast(String stream, Object message) throws IOException, InterruptedException {
		String body = json.writeValueAsString(Map.of("stream", stream, "data", json.writeValueAsString(message)));
		HttpRequest request = HttpRequest.newBuilder(this.uri)
			.timeout(TIMEOUT)
			.header("Authorization", "Bearer " + KEY)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
		assertThat(response.statusCode()).as("POST /_broadcast %s: %s", body, response.body()).isEqualTo(201);
	}

}
