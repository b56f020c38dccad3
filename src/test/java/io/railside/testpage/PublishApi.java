package io.railside.testpage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishes to a topic through the publish API, as a backend would, so that browser tests
 * can have messages sent while the page is away.
 */
final class PublishApi {

	/** The publish token of the contexts that use this. */
	static final String TOKEN = "browser-tests-publish-token";

	static final String TOKEN_SETTING = "railside.publish.token=" + TOKEN;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final URI uri;

	private final int httpPort;

	PublishApi(int httpPort) {
		this.httpPort = httpPort;
		this.uri = URI.create("http://localhost:" + httpPort + "/api/v1/publish");
	}

	/**
	 * Read a topic's position, as a backend does before it reads the state it renders.
	 * @param name the topic's name, without {@code /topic/}
	 * @return the answer, a JSON object with {@code epoch} and {@code offset}
	 */
	String position(String name) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.httpPort + "/api/v1/topics/" + name + "/position"))
			.timeout(TIMEOUT)
			.header("Authorization", "Bearer " + TOKEN)
			.GET()
			.build();
		HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	/**
	 * Publish a text message and wait for the broker to take it.
	 * @param destination the topic
	 * @param text the body, without quotes or backslashes
	 */
	void publish(String destination, String text) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.uri)
			.timeout(TIMEOUT)
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"destination\": \"%s\", \"body\": \"%s\"}".formatted(destination, text)))
			.build();
		HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
	}

}
