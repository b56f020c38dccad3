package io.railside.system;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.railside.cable.CableTestClient;
import io.railside.echo.EchoSocket;
import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM, as a platform sends it before replacing an instance, to Railside running as a
 * process of its own: readiness goes down first, open sessions are closed with 1001 so
 * their clients reconnect elsewhere, new handshakes are refused, requests in flight
 * finish, and the process exits within
 * {@code spring.lifecycle.timeout-per-shutdown-phase} (20 s).
 */
@Timeout(240)
class GracefulShutdownIntegrationTests {

	private static final String PUBLISH_TOKEN = "graceful-shutdown-publish-token";

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration EXIT_MARGIN = Duration.ofSeconds(10);

	private RailsideProcess railside;

	@BeforeEach
	void startRailside() throws IOException {
		List<String> arguments = new ArrayList<>(List.of("--railside.publish.token=" + PUBLISH_TOKEN));
		arguments.addAll(brokerSettings());
		this.railside = RailsideProcess.start("graceful-shutdown", arguments.toArray(String[]::new)).awaitReady();
	}

	/**
	 * Settings of the broker mode under test.
	 * @return command-line arguments
	 */
	List<String> brokerSettings() {
		return List.of();
	}

	@AfterEach
	void stopRailside() throws InterruptedException {
		this.railside.close();
	}

	@Test
	void sigtermClosesSessionsWithGoingAwayRefusesNewOnesAndFinishesPublishesInFlight() throws Exception {
		RawStompSocket stomp = RawStompSocket.connected(this.railside.url("ws", "/stomp"));
		stomp.send("SUBSCRIBE\nid:0\ndestination:/topic/shutdown.news\nreceipt:subscribed\n\n\0");
		assertThat(stomp.awaitFrame().getCommand()).hasToString("RECEIPT");
		try (EchoSocket echo = EchoSocket.open(HttpClient.newHttpClient().newWebSocketBuilder(),
				URI.create(this.railside.url("ws", "/echo")))) {
			assertThat(echo.echo("before")).isEqualTo("before");
			assertThat(publish("{\"destination\": \"/topic/shutdown.news\", \"body\": \"before\"}")).isEqualTo(202);
			StompHeaderAccessor message = stomp.awaitFrame();
			assertThat(RawStompSocket.body(message)).isEqualTo("before");
			try (SlowPublish inFlight = SlowPublish.begin(this.railside.httpPort(), PUBLISH_TOKEN,
					"{\"destination\": \"/topic/shutdown.news\", \"body\": \"in flight\"}")) {
				long start = System.nanoTime();
				sigterm();
				await("readiness not UP").atMost(Duration.ofSeconds(5))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> this.railside.readinessStatus() != 200);
				assertThat(stomp.awaitClose()).as("STOMP close code").isEqualTo(1001);
				assertThat(echo.awaitCloseCode()).as("echo close code").isEqualTo(1001);
				assertThat(handshake(this.railside.url("ws", "/echo"))).isIn("503", "refused", "closed");
				assertThat(handshake(this.railside.url("ws", "/stomp"))).isIn("503", "refused", "closed");
				assertThat(inFlight.finish()).as("status of the publish in flight").isEqualTo(202);
				assertExitsWithin(SHUTDOWN_TIMEOUT.plus(EXIT_MARGIN), start);
			}
		}
	}

	@Test
	void sigtermTellsCableClientsToReconnectElsewhereAndRefusesNewOnes() throws Exception {
		try (CableTestClient cable = CableTestClient.welcomed(this.railside.url("ws", "/cable"))) {
			long start = System.nanoTime();
			sigterm();
			JsonNode disconnect = cable.awaitType("disconnect");
			assertThat(disconnect.path("reason").asString()).isEqualTo("server_restart");
			assertThat(disconnect.path("reconnect").asBoolean()).isTrue();
			assertThat(cable.awaitClose()).as("cable close code").isEqualTo(1001);
			assertThat(handshake(this.railside.url("ws", "/cable"))).isIn("503", "refused", "closed");
			assertExitsWithin(SHUTDOWN_TIMEOUT.plus(EXIT_MARGIN), start);
		}
	}

	@Test
	void sigtermEndsTheProcessWithinTheShutdownTimeoutWhileARequestHangs() throws Exception {
		try (SlowPublish stuck = SlowPublish.begin(this.railside.httpPort(), PUBLISH_TOKEN,
				"{\"destination\": \"/topic/shutdown.news\", \"body\": \"never finished\"}")) {
			long start = System.nanoTime();
			sigterm();
			assertExitsWithin(SHUTDOWN_TIMEOUT.plus(EXIT_MARGIN), start);
		}
	}

	private void sigterm() {
		Process process = this.railside.process();
		// destroy() sends SIGTERM where the platform supports a normal termination
		assertThat(process.toHandle().supportsNormalTermination()).isTrue();
		process.destroy();
	}

	private void assertExitsWithin(Duration limit, long start) throws InterruptedException {
		Process process = this.railside.process();
		long remaining = limit.toNanos() - (System.nanoTime() - start);
		assertThat(process.waitFor(remaining, TimeUnit.NANOSECONDS))
			.as("exited within %s of SIGTERM (log: %s)", limit, this.railside.log())
			.isTrue();
		// 143 is 128 + SIGTERM: the JVM's exit status after its shutdown hooks ran
		assertThat(process.exitValue()).isIn(0, 143);
		assertThat(this.railside.logText()).doesNotContain(PUBLISH_TOKEN);
	}

	private int publish(String json) {
		return RailsideProcess.status(HttpRequest.newBuilder(URI.create(this.railside.url("http", "/api/v1/publish")))
			.header("Authorization", "Bearer " + PUBLISH_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.timeout(Duration.ofSeconds(5))
			.build());
	}

	/**
	 * Try a WebSocket handshake. While the connectors are still open Railside answers 503
	 * ({@code SessionCountTests} pins that); once Spring Boot's graceful shutdown pauses
	 * a connector and closes its server socket, a connection the kernel had already
	 * accepted is closed without an answer, and after that the connection is refused.
	 * Which of the three a handshake sent right after the sessions' close meets depends
	 * on how far the shutdown has got; to a client each one means "no session here".
	 * @return the refusing status, {@code refused} when the connection was,
	 * {@code closed} when it ended before any response, or what else happened
	 */
	private static String handshake(String url) throws InterruptedException {
		try {
			HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.connectTimeout(Duration.ofSeconds(5))
				.buildAsync(URI.create(url), new WebSocket.Listener() {
				})
				.get(10, TimeUnit.SECONDS)
				.abort();
			return "opened";
		}
		catch (ExecutionException | TimeoutException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof WebSocketHandshakeException refusal) {
					return Integer.toString(refusal.getResponse().statusCode());
				}
				if (cause instanceof ConnectException) {
					return "refused";
				}
			}
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof IOException && !(cause instanceof HttpTimeoutException)) {
					return "closed";
				}
			}
			return ex.toString();
		}
	}

}
