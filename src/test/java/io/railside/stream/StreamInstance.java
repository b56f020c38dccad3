package io.railside.stream;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.railside.RailsideApplication;
import io.railside.security.TestTokens;
import io.railside.stomp.StompTestSession;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.web.socket.WebSocketHttpHeaders;

import static org.awaitility.Awaitility.await;

/**
 * One Railside instance in stream mode on the RabbitMQ named by
 * {@code RAILSIDE_TEST_RABBITMQ_HOST}, started as {@code java -jar} starts it, with JWT
 * authentication and the publish API on. Its users may read and write the topics under
 * {@code stream.}.
 */
final class StreamInstance implements AutoCloseable {

	static final String HOST_VARIABLE = "RAILSIDE_TEST_RABBITMQ_HOST";

	static final String PUBLISH_TOKEN = "stream-tests-publish-token";

	static final Duration READY = Duration.ofSeconds(30);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ConfigurableApplicationContext context;

	private final int httpPort;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private StreamInstance(ConfigurableApplicationContext context) {
		this.context = context;
		this.httpPort = context.getEnvironment().getRequiredProperty("local.http.port", Integer.class);
	}

	static String host() {
		return System.getenv(HOST_VARIABLE);
	}

	/**
	 * A stream name of the test's own, so that tests do not read each other's messages.
	 * @return the name
	 */
	static String newStream() {
		return "railside-test-" + UUID.randomUUID();
	}

	/**
	 * Start an instance on a stream, without waiting for it to be ready.
	 * @param stream the stream's name
	 * @param settings further settings, such as {@code railside.history.ttl=1m}
	 * @return the instance
	 */
	static StreamInstance start(String stream, String... settings) {
		List<String> args = new ArrayList<>(List.of("--railside.http.port=0", "--server.port=0",
				"--railside.broker.type=stream", "--railside.stream.host=" + host(), "--railside.stream.name=" + stream,
				"--" + TestTokens.SECRET_SETTING, "--" + TestTokens.ISSUER_SETTING, "--" + TestTokens.AUDIENCE_SETTING,
				"--railside.publish.token=" + PUBLISH_TOKEN, "--server.shutdown=immediate"));
		for (String setting : settings) {
			args.add("--" + setting);
		}
		return new StreamInstance(SpringApplication.run(RailsideApplication.class, args.toArray(String[]::new)));
	}

	/**
	 * Start an instance and wait until it is ready (it has read the stream).
	 * @param stream the stream's name
	 * @param settings further settings
	 * @return the instance
	 */
	static StreamInstance ready(String stream, String... settings) {
		StreamInstance instance = start(stream, settings);
		instance.awaitReadiness(200);
		return instance;
	}

	void awaitReadiness(int status) {
		await("readiness " + status).atMost(READY)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> readiness().statusCode() == status);
	}

	/**
	 * A token the web app would mint for the user.
	 * @param user the subject
	 * @return the token, allowed to read and write {@code stream.**}
	 */
	static String token(String user) {
		return token(user, List.of("stream.**"));
	}

	/**
	 * A token that lets the user read other topics too, such as those a backend publishes
	 * to straight.
	 * @param user the subject
	 * @param subscribe the patterns of the topics the user may read
	 * @return the token, allowed to read those and write {@code stream.**}
	 */
	static String token(String user, List<String> subscribe) {
		return TestTokens
			.hs256(TestTokens.claims(user).claim("subscribe", subscribe).claim("publish", List.of("stream.**")));
	}

	int httpPort() {
		return this.httpPort;
	}

	String url(String path) {
		return "ws://localhost:" + this.httpPort + path;
	}

	StompTestSession connect(String user) {
		return connect(user, List.of("stream.**"));
	}

	/**
	 * Connect a user who may read the topics matching the given patterns.
	 * @param user the subject
	 * @param subscribe the patterns, such as {@code orders.**}
	 * @return the session
	 */
	StompTestSession connect(String user, List<String> subscribe) {
		StompHeaders connect = new StompHeaders();
		connect.add("Authorization", "Bearer " + token(user, subscribe));
		return StompTestSession.connect(StompTestSession.webSocketClient(null), url("/stomp"),
				new WebSocketHttpHeaders(), connect);
	}

	HttpResponse<String> publish(String json) throws Exception {
		return this.http.send(request("/api/v1/publish").header("Authorization", "Bearer " + PUBLISH_TOKEN)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json))
			.build(), BodyHandlers.ofString());
	}

	HttpResponse<String> position(String topic) throws Exception {
		return this.http
			.send(request("/api/v1/topics/" + topic + "/position").header("Authorization", "Bearer " + PUBLISH_TOKEN)
				.GET()
				.build(), BodyHandlers.ofString());
	}

	HttpResponse<String> readiness() throws Exception {
		return this.http.send(request("/actuator/health/readiness").GET().build(), BodyHandlers.ofString());
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.httpPort + path)).timeout(TIMEOUT);
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * Run something on an AMQP channel of the test RabbitMQ.
	 * @param action what to do
	 */
	static void amqp(AmqpAction action) throws IOException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(host());
		try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
			action.run(channel);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new IOException(ex);
		}
	}

	/**
	 * Delete a test's stream.
	 * @param stream its name
	 */
	static void deleteStream(String stream) throws IOException {
		amqp((channel) -> channel.queueDelete(stream));
	}

	interface AmqpAction {

		void run(Channel channel) throws IOException;

	}

}
