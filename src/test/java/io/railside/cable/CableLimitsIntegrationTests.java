package io.railside.cable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The limits and checks STOMP has, on {@code /cable}: subscriptions per connection,
 * command rate, origins, sessions per address, and the metrics that count them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", CableBroadcasts.SECRET_SETTING, "railside.limits.subscriptions=3",
				"railside.limits.frames-per-second=5", "railside.limits.frame-burst=20",
				"railside.limits.sessions-per-address=4", "railside.stomp.allowed-origins=https://app.example.com",
				"railside.limits.send-buffer-size=256KB", "railside.limits.send-time-limit=2s" })
@Timeout(60)
class CableLimitsIntegrationTests {

	@Value("${local.http.port}")
	private int port;

	@Autowired
	private MeterRegistry meters;

	private CableBroadcasts broadcasts;

	@BeforeEach
	void broadcaster() {
		this.broadcasts = new CableBroadcasts(this.port);
	}

	private String url() {
		return "ws://localhost:" + this.port + "/cable";
	}

	private static String turbo(String stream) {
		return CableTestClient.identifier("Turbo::StreamsChannel", "signed_stream_name", SignedStreams.sign(stream));
	}

	@Test
	void subscriptionsPastTheLimitAreRejectedAndTheFirstOnesCarryOn() throws Exception {
		try (CableTestClient client = CableTestClient.welcomed(url())) {
			for (int i = 0; i < 3; i++) {
				client.subscribe(turbo("limited." + i));
				client.awaitType("confirm_subscription");
			}
			client.subscribe(turbo("limited.3"));
			assertThat(client.awaitType("reject_subscription").path("identifier").asString())
				.isEqualTo(turbo("limited.3"));
			this.broadcasts.broadcast("limited.0", "0");
			assertThat(client.awaitFrame().path("message").asInt()).isZero();
		}
	}

	@Test
	void aSubscribeFloodEndsOnlyTheFloodingSession() throws Exception {
		try (CableTestClient bystander = CableTestClient.welcomed(url());
				CableTestClient flooder = CableTestClient.welcomed(url())) {
			bystander.subscribe(turbo("flood.watch"));
			bystander.awaitType("confirm_subscription");
			double before = refusals("rate_limited");
			try {
				for (int i = 0; i < 60 && !flooder.isClosed(); i++) {
					flooder.subscribe(turbo("flood." + (i % 2)));
				}
			}
			catch (CompletionException ex) {
				// Closed by the server while still sending.
			}
			JsonNode disconnect = awaitDisconnect(flooder);
			assertThat(disconnect.path("reason").asString()).isEqualTo("invalid_request");
			flooder.awaitClose();
			assertThat(refusals("rate_limited")).isEqualTo(before + 1);
			this.broadcasts.broadcast("flood.watch", "\"still here\"");
			assertThat(bystander.awaitFrame().path("message").asString()).isEqualTo("still here");
		}
	}

	private static JsonNode awaitDisconnect(CableTestClient client) {
		while (true) {
			JsonNode frame = client.awaitFrame();
			if ("disconnect".equals(frame.path("type").asString(null))) {
				return frame;
			}
		}
	}

	private double refusals(String code) {
		io.micrometer.core.instrument.Counter counter = this.meters.find("railside.cable.refusals")
			.tag("code", code)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void aClientThatStopsReadingIsCutOffAndOthersGetEveryMessage() throws Exception {
		String identifier = turbo("slow.news");
		try (CableTestClient reader = CableTestClient.welcomed(url());
				CableTestClient stalled = CableTestClient.welcomed(url())) {
			reader.subscribe(identifier);
			reader.awaitType("confirm_subscription");
			stalled.subscribe(identifier);
			stalled.awaitType("confirm_subscription");
			stalled.pause();
			String data = json("x".repeat(1024));
			int perBatch = 20;
			StringBuilder batch = new StringBuilder("[");
			for (int i = 0; i < perBatch; i++) {
				batch.append((i > 0) ? "," : "")
					.append("{\"stream\":\"slow.news\",\"data\":")
					.append(json(data))
					.append('}');
			}
			String body = batch.append(']').toString();
			long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
			int batches = 0;
			// Until the kernel's socket buffers and then the session's own are full: a
			// bounded number of megabytes.
			while (cableSessions() > 1 && batches < 1500 && System.nanoTime() < deadline) {
				assertThat(this.broadcasts.post(body).statusCode()).isEqualTo(201);
				for (int j = 0; j < perBatch; j++) {
					assertThat(reader.awaitFrame().path("message").asString()).hasSize(1024);
				}
				batches++;
			}
			assertThat(cableSessions()).as("cable sessions after %d batches of %d KiB", batches, perBatch).isEqualTo(1);
			assertThat(reader.isClosed()).isFalse();
		}
	}

	private double cableSessions() {
		return this.meters.get("railside.sessions").tag("transport", "cable").gauge().value();
	}

	private static String json(String text) {
		return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(text);
	}

	@Test
	void handshakeFromAnotherOriginIsRefused() {
		Throwable refused = catchThrowable(() -> HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Origin", "https://evil.example.com")
			.buildAsync(URI.create(url()), new WebSocket.Listener() {
			})
			.orTimeout(10, TimeUnit.SECONDS)
			.join());
		assertThat(refused).isInstanceOf(CompletionException.class)
			.hasCauseInstanceOf(WebSocketHandshakeException.class);
		assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(403);
		try (CableTestClient allowed = CableTestClient.welcomed(url())) {
			assertThat(allowed.isClosed()).isFalse();
		}
	}

	@Test
	void sessionsPerAddressCountCableSessionsAndTheGaugeShowsThem() {
		CableTestClient[] clients = new CableTestClient[4];
		try {
			for (int i = 0; i < clients.length; i++) {
				clients[i] = CableTestClient.welcomed(url());
			}
			await().atMost(java.time.Duration.ofSeconds(5))
				.until(() -> this.meters.get("railside.sessions").tag("transport", "cable").gauge().value() == 4);
			Throwable refused = catchThrowable(() -> CableTestClient.open(url()));
			assertThat(refused).hasCauseInstanceOf(WebSocketHandshakeException.class);
			assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(503);
		}
		finally {
			for (CableTestClient client : clients) {
				if (client != null) {
					client.close();
				}
			}
		}
	}

}
