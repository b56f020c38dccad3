package io.railside.broker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;

import io.railside.RailsideApplication;
import io.railside.security.TestTokens;
import io.railside.stomp.RawStompSocket;
import io.railside.stomp.StompTestSession;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.web.socket.WebSocketHttpHeaders;

/**
 * One Railside instance in relay mode, started as {@code java -jar} starts it, with JWT
 * authentication and the publish API on. Its users may read and write the topics under
 * {@code relay.}.
 */
final class RelayInstance implements AutoCloseable {

	static final String PUBLISH_TOKEN = "relay-tests-publish-token";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ConfigurableApplicationContext context;

	private final int httpPort;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private RelayInstance(ConfigurableApplicationContext context) {
		this.context = context;
		this.httpPort = context.getEnvironment().getRequiredProperty("local.http.port", Integer.class);
	}

	static RelayInstance start(BrokerControl broker) {
		return start(broker.host(), broker.stompPort());
	}

	/**
	 * Start an instance relaying to a STOMP broker.
	 * @param host the broker's host
	 * @param stompPort its STOMP port
	 * @return the instance, its system connection perhaps not yet up
	 */
	static RelayInstance start(String host, int stompPort) {
		return new RelayInstance(SpringApplication.run(RailsideApplication.class, "--railside.http.port=0",
				"--server.port=0", "--railside.broker.type=relay", "--railside.broker.relay.host=" + host,
				"--railside.broker.relay.port=" + stompPort, "--" + TestTokens.SECRET_SETTING,
				"--" + TestTokens.ISSUER_SETTING, "--" + TestTokens.AUDIENCE_SETTING,
				"--railside.publish.token=" + PUBLISH_TOKEN, "--server.shutdown=immediate"));
	}

	/**
	 * A token the web app would mint for the user.
	 * @param user the subject
	 * @return the token, allowed to read and write {@code relay.**}
	 */
	static String token(String user) {
		return TestTokens.hs256(
				TestTokens.claims(user).claim("subscribe", List.of("relay.**")).claim("publish", List.of("relay.**")));
	}

	String url(String path) {
		return "ws://localhost:" + this.httpPort + path;
	}

	/**
	 * Connect Spring's STOMP client to {@code /stomp} as the user.
	 * @param user the token's subject
	 * @return the connected session
	 */
	StompTestSession connect(String user) {
		StompHeaders connect = new StompHeaders();
		connect.add("Authorization", "Bearer " + token(user));
		return StompTestSession.connect(StompTestSession.webSocketClient(null), url("/stomp"),
				new WebSocketHttpHeaders(), connect);
	}

	/**
	 * Open a raw socket on {@code /stomp} and send CONNECT as the user, without waiting
	 * for the answer.
	 * @param user the token's subject
	 * @return the socket
	 */
	RawStompSocket connectRaw(String user) {
		return connectRaw(user, "");
	}

	/**
	 * Open a raw socket on {@code /stomp} and send CONNECT as the user, with more
	 * headers, without waiting for the answer.
	 * @param user the token's subject
	 * @param headers extra header lines, each ending in a newline
	 * @return the socket
	 */
	RawStompSocket connectRaw(String user, String headers) {
		RawStompSocket socket = RawStompSocket.open(url("/stomp"));
		socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\nAuthorization:Bearer " + token(user)
				+ "\n" + headers + "\n\0");
		return socket;
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

	/**
	 * How many sessions of the user this instance knows of, its own and (once their
	 * registries have been broadcast) the other instances'.
	 * @param user the user
	 * @return the number of sessions
	 */
	int sessionsOf(String user) {
		SimpUser known = this.context.getBean(SimpUserRegistry.class).getUser(user);
		return (known != null) ? known.getSessions().size() : 0;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.httpPort + path)).timeout(TIMEOUT);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
