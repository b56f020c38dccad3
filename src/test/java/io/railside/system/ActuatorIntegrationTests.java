package io.railside.system;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.railside.echo.EchoSocket;
import io.railside.stomp.RawStompSocket;
import io.railside.stomp.StompTestSession;
import org.jspecify.annotations.Nullable;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators and their tools see: health for load balancers and orchestrators, public
 * and status only; Prometheus metrics for a scraper holding the metrics token, and for
 * nobody else.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.metrics.token=" + ActuatorIntegrationTests.METRICS_TOKEN,
				"railside.publish.token=" + ActuatorIntegrationTests.PUBLISH_TOKEN })
@Timeout(60)
class ActuatorIntegrationTests {

	static final String METRICS_TOKEN = "actuator-test-metrics-token";

	static final String PUBLISH_TOKEN = "actuator-test-publish-token";

	private static final JsonMapper json = JsonMapper.shared();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<AutoCloseable> clients = new ArrayList<>();

	@Value("${local.http.port}")
	private int httpPort;

	@Autowired
	private ObservationRegistry observations;

	@AfterEach
	void closeClients() throws Exception {
		for (AutoCloseable client : this.clients) {
			client.close();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
	void healthIsPublicAndShowsTheStatusOnly(String path) throws Exception {
		HttpResponse<String> response = get(path, null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = json.readTree(response.body());
		assertThat(health.get("status").stringValue()).isEqualTo("UP");
		// No components, no details; the root names its groups (Boot's own answer)
		assertThat(health.propertyNames()).as("fields of %s", response.body()).isSubsetOf("status", "groups");
		if (health.has("groups")) {
			assertThat(health.get("groups").values()).map(JsonNode::stringValue)
				.containsExactlyInAnyOrder("liveness", "readiness");
		}
	}

	@Test
	void observesRequestsButNotEverySecurityFilter() {
		assertThat(Observation.start("spring.security.filterchains", this.observations).isNoop()).isTrue();
		assertThat(Observation.start("http.server.requests", this.observations).isNoop()).isFalse();
	}

	@Test
	void prometheusRefusesRequestsWithoutTheMetricsToken() throws Exception {
		assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", "not-the-metrics-token").statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", PUBLISH_TOKEN).statusCode()).isEqualTo(401);
	}

	@Test
	void prometheusShowsSessionsFramesErrorsBrokerAndPublishRequests() throws Exception {
		StompTestSession stomp = StompTestSession.connect(url("ws", "/stomp"));
		this.clients.add(stomp::disconnect);
		stomp.subscribe("/topic/metrics.test");
		EchoSocket echo = EchoSocket.open(HttpClient.newHttpClient().newWebSocketBuilder(),
				URI.create(url("ws", "/echo")));
		this.clients.add(echo);
		provokeBadDestination();
		assertThat(malformedHandshake("/stomp")).startsWith("HTTP/1.1 400");
		assertThat(publish(PUBLISH_TOKEN).statusCode()).isEqualTo(202);
		assertThat(stomp.awaitFrame().body()).isEqualTo("counted");
		assertThat(publish("not-the-publish-token").statusCode()).isEqualTo(401);

		HttpResponse<String> response = get("/actuator/prometheus", METRICS_TOKEN);
		assertThat(response.statusCode()).isEqualTo(200);
		String metrics = response.body();
		assertThat(PrometheusText.value(metrics, "railside_sessions", "transport=\"websocket\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(PrometheusText.value(metrics, "railside_sessions", "transport=\"echo\"")).isGreaterThanOrEqualTo(1);
		assertThat(PrometheusText.value(metrics, "railside_sessions", "transport=\"sockjs\"")).isNotNegative();
		assertThat(PrometheusText.value(metrics, "railside_stomp_frames_total", "direction=\"inbound\"",
				"command=\"CONNECT\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(PrometheusText.value(metrics, "railside_stomp_frames_total", "direction=\"inbound\"",
				"command=\"SUBSCRIBE\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(PrometheusText.value(metrics, "railside_stomp_frames_total", "direction=\"outbound\"",
				"command=\"CONNECTED\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(PrometheusText.value(metrics, "railside_stomp_frames_total", "direction=\"outbound\"",
				"command=\"MESSAGE\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(PrometheusText.value(metrics, "railside_stomp_errors_total", "code=\"bad_destination\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(PrometheusText.value(metrics, "railside_handshakes_refused_total", "endpoint=\"stomp\"",
				"status=\"400\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(PrometheusText.value(metrics, "railside_broker_available")).isEqualTo(1);
		assertThat(PrometheusText.value(metrics, "railside_publish_requests_total", "status=\"202\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(PrometheusText.value(metrics, "railside_publish_requests_total", "status=\"401\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(metrics).doesNotContain(METRICS_TOKEN, PUBLISH_TOKEN, "not-the-publish-token");
		assertThat(metrics).as("HTTP requests are timed, WebSocket handshakes are not")
			.contains("http_server_requests_seconds_count{")
			.doesNotContain("uri=\"/stomp\"", "uri=\"/echo\"");
	}

	private void provokeBadDestination() {
		RawStompSocket raw = RawStompSocket.connected(url("ws", "/stomp"));
		this.clients.add(raw::abort);
		raw.send("SUBSCRIBE\nid:0\ndestination:/topic/orders.*\n\n\0");
		StompHeaderAccessor error = raw.awaitFrame();
		assertThat(error.getMessage()).isEqualTo("bad_destination");
	}

	/**
	 * An upgrade request without its {@code Sec-WebSocket-Key}, which no client library
	 * would send: Spring answers 400.
	 * @return the status line
	 */
	private String malformedHandshake(String path) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.httpPort)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
						+ "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
	}

	private HttpResponse<String> get(String path, @Nullable String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("http", path)));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> publish(String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url("http", "/api/v1/publish")))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"destination\": \"/topic/metrics.test\", \"body\": \"counted\"}"))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private String url(String scheme, String path) {
		return scheme + "://127.0.0.1:" + this.httpPort + path;
	}

}
