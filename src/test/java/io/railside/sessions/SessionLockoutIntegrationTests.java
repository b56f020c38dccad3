package io.railside.sessions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.railside.limits.Bystander;
import io.railside.echo.EchoSocket;
import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The lock-outs an anonymous client could cause, tried for real against twenty STOMP
 * places, ten echo places, five places per client address and two echo places per client
 * address: idle echo sockets fill only the echo's budget, and one address (a forwarded
 * one too, as behind HAProxy) fills only its own share. Each time a bystander keeps
 * receiving and a newcomer from elsewhere gets in.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.limits.sessions=20", "railside.limits.echo-sessions=10",
				"railside.limits.sessions-per-address=5", "railside.limits.echo-sessions-per-address=2" })
@Timeout(60)
class SessionLockoutIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.http.port}")
	private int httpPort;

	@Autowired
	private SessionCount sessionCount;

	private Bystander bystander;

	private final List<AutoCloseable> attackers = new ArrayList<>();

	@BeforeEach
	void connectBystander() {
		await().atMost(TIMEOUT).until(() -> this.sessionCount.open() == 0);
		this.bystander = Bystander.connect(url("ws", "/stomp"));
	}

	@AfterEach
	void closeAll() throws Exception {
		this.bystander.close();
		for (AutoCloseable attacker : this.attackers) {
			attacker.close();
		}
	}

	@Test
	void idleEchoSocketsNeverTakeStompPlaces() throws Exception {
		for (int i = 1; i <= 10; i++) {
			this.attackers.add(EchoSocket.open(from("198.51.100." + i), URI.create(url("ws", "/echo"))));
		}
		// The client sees 101 a moment before the server counts the session.
		await().atMost(TIMEOUT).until(() -> this.sessionCount.open("echo") == 10);
		assertThat(refusedStatus(from("198.51.100.11"), "/echo")).isEqualTo(503);
		RawStompSocket newcomer = stomp(from("198.51.100.12"));
		RawStompSocket.connect(newcomer);
		this.bystander.assertStillReceives();
	}

	@Test
	void oneForwardedAddressGetsItsShareAndNoMore() throws Exception {
		for (int i = 0; i < 2; i++) {
			this.attackers.add(EchoSocket.open(from("203.0.113.7"), URI.create(url("ws", "/echo"))));
		}
		for (int i = 0; i < 3; i++) {
			stomp(from("203.0.113.7"));
		}
		await().atMost(TIMEOUT).until(() -> this.sessionCount.openFrom("203.0.113.7") == 5);
		assertThat(refusedStatus(from("203.0.113.7"), "/stomp")).isEqualTo(503);
		assertThat(refusedStatus(from("203.0.113.7"), "/echo")).isEqualTo(503);
		RawStompSocket.connect(stomp(from("203.0.113.8")));
		this.bystander.assertStillReceives();
	}

	@Test
	void oneAddressGetsItsShareOfTheEchoAndNoMore() throws Exception {
		for (int i = 0; i < 2; i++) {
			this.attackers.add(EchoSocket.open(from("203.0.113.9"), URI.create(url("ws", "/echo"))));
		}
		await().atMost(TIMEOUT).until(() -> this.sessionCount.openFrom("203.0.113.9") == 2);
		assertThat(refusedStatus(from("203.0.113.9"), "/echo")).isEqualTo(503);
		EchoSocket newcomer = EchoSocket.open(from("203.0.113.10"), URI.create(url("ws", "/echo")));
		this.attackers.add(newcomer);
		assertThat(newcomer.echo("hello")).isEqualTo("hello");
		RawStompSocket.connect(stomp(from("203.0.113.9")));
	}

	@Test
	void anIpv6ClientIsCountedByItsSlash64() throws Exception {
		for (int i = 1; i <= 5; i++) {
			stomp(from("2001:db8:7:7::" + i));
		}
		await().atMost(TIMEOUT).until(() -> this.sessionCount.openFrom("2001:db8:7:7::/64") == 5);
		assertThat(refusedStatus(from("2001:db8:7:7:ffff::1"), "/stomp")).isEqualTo(503);
		RawStompSocket.connect(stomp(from("2001:db8:7:8::1")));
		this.bystander.assertStillReceives();
	}

	@Test
	void aPlaceFreedByAnAddressCanBeTakenAgain() throws Exception {
		List<RawStompSocket> sockets = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			sockets.add(stomp(from("192.0.2.1")));
		}
		await().atMost(TIMEOUT).until(() -> this.sessionCount.openFrom("192.0.2.1") == 5);
		assertThat(refusedStatus(from("192.0.2.1"), "/stomp")).isEqualTo(503);
		sockets.get(0).abort();
		await().atMost(TIMEOUT).until(() -> this.sessionCount.openFrom("192.0.2.1") == 4);
		RawStompSocket.connect(stomp(from("192.0.2.1")));
	}

	private RawStompSocket stomp(WebSocket.Builder builder) {
		RawStompSocket socket = RawStompSocket.open(builder, url("ws", "/stomp"));
		this.attackers.add(socket::abort);
		return socket;
	}

	private WebSocket.Builder from(String address) {
		return this.http.newWebSocketBuilder().header("X-Forwarded-For", address).connectTimeout(TIMEOUT);
	}

	private int refusedStatus(WebSocket.Builder builder, String path) throws InterruptedException {
		CompletableFuture<WebSocket> handshake = builder.subprotocols("v12.stomp")
			.buildAsync(URI.create(url("ws", path)), new WebSocket.Listener() {
			});
		Throwable failure = catchThrowable(() -> handshake.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
		assertThat(failure).as("handshake on %s", path)
			.isInstanceOf(ExecutionException.class)
			.cause()
			.isInstanceOf(WebSocketHandshakeException.class);
		return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
	}

	private String url(String scheme, String path) {
		return scheme + "://localhost:" + this.httpPort + path;
	}

}
