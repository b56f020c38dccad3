package io.railside.system;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;

import io.railside.TestTls;
import io.railside.server.LocalhostCertificate;
import io.railside.stomp.StompTestSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Railside instances in relay mode behind HAProxy running {@code deploy/haproxy.cfg}:
 * clients connected through HAProxy get messages published on either instance, SockJS
 * sessions stick to one instance, TLS ends at HAProxy, and when an instance dies its
 * clients reconnect through HAProxy to the other and receive again. The instance that
 * dies is killed by the last test.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaproxyIntegrationTests {

	private static final String PUBLISH_TOKEN = "haproxy-test-publish-token";

	private static final String METRICS_TOKEN = "haproxy-test-metrics-token";

	private final String topic = "/topic/haproxy." + UUID.randomUUID();

	private final List<RailsideProcess> instances = new ArrayList<>();

	private final List<StompTestSession> sessions = new ArrayList<>();

	private HaproxyProcess haproxy;

	private LocalhostCertificate certificate;

	private int httpPort;

	private int httpsPort;

	@BeforeAll
	void startInstancesAndHaproxy() throws Exception {
		Path executable = HaproxyProcess.require();
		awaitRabbitMq();
		for (String name : List.of("haproxy-a", "haproxy-b")) {
			this.instances.add(RailsideProcess.start(name, "--railside.broker.type=relay",
					"--railside.broker.relay.host=127.0.0.1", "--railside.publish.token=" + PUBLISH_TOKEN,
					"--railside.metrics.token=" + METRICS_TOKEN, "--server.forward-headers-strategy=native"));
		}
		this.instances.forEach(RailsideProcess::awaitReady);
		this.certificate = LocalhostCertificate.generate("localhost");
		Path pem = writePem(this.certificate);
		this.httpPort = RailsideProcess.freePort();
		this.httpsPort = RailsideProcess.freePort();
		String config = HaproxyProcess.configure(this.httpPort, this.httpsPort, pem,
				this.instances.stream().map(RailsideProcess::httpPort).toList());
		this.haproxy = HaproxyProcess.start(executable, config, "haproxy-" + this.httpPort);
		await("HAProxy serving readiness (log: " + this.haproxy.log() + ")").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> {
				this.haproxy.assertRunning();
				return RailsideProcess
					.status(get("http://127.0.0.1:" + this.httpPort + "/actuator/health/readiness")) == 200;
			});
	}

	@AfterEach
	void disconnect() {
		this.sessions.forEach(StompTestSession::disconnect);
		this.sessions.clear();
	}

	@AfterAll
	void stopEverything() throws InterruptedException {
		if (this.haproxy != null) {
			this.haproxy.close();
		}
		for (RailsideProcess instance : this.instances) {
			instance.close();
		}
	}

	@Test
	@Order(1)
	void sockJsRequestsOfOneSessionReachOneInstance() {
		SockJsClient sockJs = new SockJsClient(List.of(new RestTemplateXhrTransport()));
		String url = "http://127.0.0.1:" + this.httpPort + "/sockjs";
		// Each session hashes to one instance: open sessions until both hold some
		for (int i = 0; i < 16 && !(sessionsOn(0, "sockjs") > 0 && sessionsOn(1, "sockjs") > 0); i++) {
			connect(sockJs, url).subscribe(this.topic);
		}
		assertThat(sessionsOn(0, "sockjs")).isPositive();
		assertThat(sessionsOn(1, "sockjs")).isPositive();
		for (StompTestSession session : this.sessions) {
			// A POST of its own, answered on the session's streaming response
			session.sendWithReceipt(this.topic + ".unheard", "sent over SockJS");
		}
		publish(0, "to every SockJS session");
		for (StompTestSession session : this.sessions) {
			assertThat(session.awaitFrame().body()).isEqualTo("to every SockJS session");
		}
	}

	@Test
	@Order(2)
	void tlsEndsAtHaproxyAndRailsideSeesHowClientsCame() throws Exception {
		SSLContext trust = TestTls.trusting(this.certificate.certificate());
		HttpClient https = HttpClient.newBuilder().sslContext(trust).version(HttpClient.Version.HTTP_1_1).build();
		HttpResponse<String> securePage = https.send(get("https://localhost:" + this.httpsPort + "/"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(securePage.body()).contains("wss://localhost:" + this.httpsPort + "/stomp");
		HttpResponse<String> plainPage = HttpClient.newHttpClient()
			.send(get("http://127.0.0.1:" + this.httpPort + "/"), HttpResponse.BodyHandlers.ofString());
		assertThat(plainPage.body()).contains("ws://127.0.0.1:" + this.httpPort + "/stomp");
		StompTestSession secure = connect(StompTestSession.webSocketClient(trust),
				"wss://localhost:" + this.httpsPort + "/stomp");
		secure.subscribe(this.topic);
		secure.sendWithReceipt(this.topic, "over wss through HAProxy");
		assertThat(secure.awaitFrame().body()).isEqualTo("over wss through HAProxy");
	}

	@Test
	@Order(3)
	void metricsAreServedByEachInstanceButNotThroughHaproxy() {
		HttpRequest throughHaproxy = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/actuator/prometheus"))
			.header("Authorization", "Bearer " + METRICS_TOKEN)
			.build();
		assertThat(RailsideProcess.status(throughHaproxy)).isEqualTo(403);
		assertThat(this.instances.get(0).metrics(METRICS_TOKEN)).contains("railside_broker_available");
	}

	@Test
	@Order(4)
	void whenAnInstanceDiesItsClientsReconnectThroughHaproxyToTheOtherAndReceiveAgain() throws Exception {
		List<StompTestSession> clients = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			StompTestSession client = connectThroughHaproxy();
			client.subscribe(this.topic);
			clients.add(client);
		}
		await("4 sessions over both instances").atMost(Duration.ofSeconds(10))
			.until(() -> sessionsOn(0, "websocket") + sessionsOn(1, "websocket") == 4);
		int onVictim = (int) sessionsOn(0, "websocket");
		assertThat(onVictim).as("sessions on each instance (leastconn)").isBetween(1, 3);
		publish(0, "from a");
		publish(1, "from b");
		for (StompTestSession client : clients) {
			assertThat(List.of(client.awaitFrame().body(), client.awaitFrame().body()))
				.containsExactlyInAnyOrder("from a", "from b");
		}

		RailsideProcess victim = this.instances.get(0);
		victim.process().destroyForcibly();
		assertThat(victim.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
		await("clients of the killed instance see the close").atMost(Duration.ofSeconds(15))
			.until(() -> clients.stream().filter((client) -> client.closed().isDone()).count() == onVictim);
		List<StompTestSession> survivors = clients.stream().filter((client) -> !client.closed().isDone()).toList();
		List<StompTestSession> reconnected = new ArrayList<>();
		for (int i = 0; i < onVictim; i++) {
			StompTestSession client = connectThroughHaproxy();
			client.subscribe(this.topic);
			reconnected.add(client);
		}
		await("all 4 sessions on the surviving instance").atMost(Duration.ofSeconds(10))
			.until(() -> sessionsOn(1, "websocket") == 4);
		publish(1, "after the failover");
		for (StompTestSession client : survivors) {
			assertThat(client.awaitFrame().body()).isEqualTo("after the failover");
		}
		for (StompTestSession client : reconnected) {
			assertThat(client.awaitFrame().body()).isEqualTo("after the failover");
		}
	}

	/**
	 * Connect through HAProxy, retrying: right after an instance dies, HAProxy may still
	 * send a connection its way, and RabbitMQ may be restarting under other tests.
	 */
	private StompTestSession connectThroughHaproxy() {
		AtomicReference<StompTestSession> connected = new AtomicReference<>();
		await("a STOMP session through HAProxy").atMost(Duration.ofSeconds(45))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> {
				try {
					connected.set(StompTestSession.connect("ws://127.0.0.1:" + this.httpPort + "/stomp"));
					return true;
				}
				catch (IllegalStateException ex) {
					return false;
				}
			});
		this.sessions.add(connected.get());
		return connected.get();
	}

	private StompTestSession connect(WebSocketClient client, String url) {
		StompTestSession session = StompTestSession.connect(client, url, new WebSocketHttpHeaders(),
				new StompHeaders());
		this.sessions.add(session);
		return session;
	}

	private double sessionsOn(int instance, String transport) {
		return PrometheusText.value(this.instances.get(instance).metrics(METRICS_TOKEN), "railside_sessions",
				"transport=\"" + transport + "\"");
	}

	private void publish(int instance, String body) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.instances.get(instance).url("http", "/api/v1/publish")))
			.header("Authorization", "Bearer " + PUBLISH_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"destination\": \"" + this.topic + "\", \"body\": \"" + body + "\"}"))
			.build();
		assertThat(RailsideProcess.status(request)).as("publish status").isEqualTo(202);
	}

	private static HttpRequest get(String url) {
		return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
	}

	private static Path writePem(LocalhostCertificate certificate) throws Exception {
		Path directory = Files.createDirectories(RailsideProcess.LOGS.resolve("haproxy-tls"));
		Path certificateFile = directory.resolve("certificate.pem");
		Path keyFile = directory.resolve("private-key.pem");
		certificate.writeTo(certificateFile, keyFile);
		// HAProxy's `crt` takes the certificate and its key in one file
		Path pem = directory.resolve("railside.pem");
		Files.write(pem, Files.readAllBytes(certificateFile));
		Files.write(pem, Files.readAllBytes(keyFile), StandardOpenOption.APPEND);
		return pem;
	}

	private static void awaitRabbitMq() {
		await("RabbitMQ's STOMP port 127.0.0.1:61613").atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> {
				try (Socket socket = new Socket("127.0.0.1", 61613)) {
					return true;
				}
				catch (IOException ex) {
					return false;
				}
			});
	}

}
