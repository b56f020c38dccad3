package io.railside.cable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the README says of Action Cable streams and STOMP topics: two namespaces side by
 * side. A broadcast to a stream reaches no topic, a topic message no stream, and STOMP
 * clients cannot name a stream; and the README's {@code curl} broadcast works as written.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", CableBroadcasts.SECRET_SETTING,
				"railside.publish.token=" + CableNamespacesIntegrationTests.PUBLISH_TOKEN })
@Timeout(60)
class CableNamespacesIntegrationTests {

	static final String PUBLISH_TOKEN = "cable-namespaces-publish-token";

	private static final Pattern CURL = Pattern
		.compile("<!-- readme-test: broadcast.sh -->\n```sh\n(.*?)```\n<!-- /readme-test -->", Pattern.DOTALL);

	@Value("${local.http.port}")
	private int port;

	private CableBroadcasts broadcasts;

	@BeforeEach
	void broadcaster() {
		this.broadcasts = new CableBroadcasts(this.port);
	}

	private CableTestClient cable(String stream) {
		// Railside runs open here: a public stream needs no claim.
		String identifier = CableTestClient.identifier("$pubsub", "stream_name", stream);
		CableTestClient client = CableTestClient.welcomed("ws://localhost:" + this.port + "/cable");
		client.subscribe(identifier);
		client.awaitType("confirm_subscription");
		return client;
	}

	private RawStompSocket stomp(String topic) {
		RawStompSocket stomp = RawStompSocket.connected("ws://localhost:" + this.port + "/stomp");
		stomp.send("SUBSCRIBE\nid:0\ndestination:" + topic + "\nreceipt:r\n\n\0");
		assertThat(stomp.awaitFrame().getCommand()).hasToString("RECEIPT");
		return stomp;
	}

	@Test
	void streamsAndTopicsOfTheSameNameDoNotMeet() throws Exception {
		try (CableTestClient chat = cable("chat"); CableTestClient slashed = cable("/topic/chat")) {
			RawStompSocket topic = stomp("/topic/chat");
			publish("/topic/chat", "to-the-topic");
			this.broadcasts.broadcast("chat", "\"to-the-stream\"");
			this.broadcasts.broadcast("/topic/chat", "\"to-the-slashed-stream\"");
			assertThat(RawStompSocket.body(topic.awaitFrame())).isEqualTo("to-the-topic");
			assertThat(chat.awaitFrame().path("message").asString()).isEqualTo("to-the-stream");
			assertThat(slashed.awaitFrame().path("message").asString()).isEqualTo("to-the-slashed-stream");
			publish("/topic/chat", "second");
			assertThat(RawStompSocket.body(topic.awaitFrame())).as("no broadcast reached the topic")
				.isEqualTo("second");
			this.broadcasts.broadcast("chat", "\"second\"");
			assertThat(chat.awaitFrame().path("message").asString()).as("no topic message reached the stream")
				.isEqualTo("second");
		}
	}

	@Test
	void stompClientsCannotNameAStream() {
		RawStompSocket stomp = RawStompSocket.connected("ws://localhost:" + this.port + "/stomp");
		stomp.send("SUBSCRIBE\nid:0\ndestination:" + "/cable/chat" + "\n\n\0");
		StompHeaderAccessor error = stomp.awaitFrame();
		assertThat(error.getCommand()).hasToString("ERROR");
		assertThat(error.getMessage()).isEqualTo("bad_destination");
	}

	@Test
	void readmesCurlBroadcastReachesTheStream() throws Exception {
		Matcher snippet = CURL.matcher(Files.readString(Path.of("README.md")));
		assertThat(snippet.find()).as("README.md marks the curl broadcast").isTrue();
		try (CableTestClient room = cable("chat_Best Room")) {
			ProcessBuilder curl = new ProcessBuilder("bash", "-c",
					snippet.group(1).replace("localhost:8080", "localhost:" + this.port))
				.redirectErrorStream(true);
			curl.environment().put("RAILSIDE_CABLE_SECRET", CableBroadcasts.SECRET);
			Process process = curl.start();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(new String(process.getInputStream().readAllBytes()).strip()).isEqualTo("201");
			assertThat(room.awaitFrame().path("message").path("body").asString()).isEqualTo("hi");
		}
	}

	private void publish(String destination, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/publish"))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + PUBLISH_TOKEN)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"destination\": \"%s\", \"body\": \"%s\"}".formatted(destination, body)))
			.build();
		assertThat(HttpClient.newHttpClient().send(request, BodyHandlers.ofString()).statusCode()).isEqualTo(202);
	}

}
