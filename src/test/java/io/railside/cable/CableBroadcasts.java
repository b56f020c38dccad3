package io.railside.cable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

/**
 * Sends broadcasts to {@code POST /_broadcast} as AnyCable's HTTP broadcaster does, for
 * tests.
 */
public final class CableBroadcasts {

	/** The secret of the test contexts that use this. */
	public static final String SECRET = "railside-tests-cable-secret-0123456789";

	public static final String SECRET_SETTING = "railside.cable.secret=" + SECRET;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final URI uri;

	private final String key;

	public CableBroadcasts(int httpPort) {
		this(httpPort, SignedStreamNames.hexHmac(SECRET, "broadcast-cable"));
	}

	public CableBroadcasts(int httpPort, String key) {
		this.uri = URI.create("http://localhost:" + httpPort + "/_broadcast");
		this.key = key;
	}

	/**
	 * Broadcast a message and expect 201.
	 * @param stream the stream
	 * @param data the message, as JSON text
	 */
	public void broadcast(String stream, String data) throws IOException, InterruptedException {
		HttpResponse<String> response = post(
				json.createObjectNode().put("stream", stream).put("data", data).toString());
		if (response.statusCode() != 201) {
			throw new AssertionError("Expected 201 but got " + response.statusCode() + ": " + response.body());
		}
	}

	/**
	 * Post a body as it is.
	 * @param body the request body
	 * @return the response
	 */
	public HttpResponse<String> post(String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.uri)
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + this.key)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, BodyHandlers.ofString());
	}

}
