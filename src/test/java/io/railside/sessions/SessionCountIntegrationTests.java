package io.railside.sessions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The session limits end to end, with two STOMP places and one echo place: a STOMP
 * bystander and a raw STOMP socket fill STOMP's, an echo socket the echo's, every further
 * WebSocket handshake on every endpoint gets 503 with {@code Retry-After}, and once one
 * closes a new one opens.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.limits.sessions=2", "railside.limits.echo-sessions=1" })
@Timeout(60)
class SessionCountIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.http.port}")
	private int httpPort;

	@Autowired
	private SessionCount sessionCount;

	private Bystander bystander;

	private EchoSocket echo;

	private RawStompSocket stomp;

	@BeforeEach
	void fillTheServer() throws Exception {
		await().atMost(TIMEOUT).until(() -> this.sessionCount.open() == 0);
		this.bystander = Bystander.connect(url("ws", "/stomp"));
		this.echo = EchoSocket.open(this.http.newWebSocketBuilder(), URI.create(url("ws", "/echo")));
		this.stomp = RawStompSocket.connected(url("ws", "/stomp"));
		await().atMost(TIMEOUT).until(() -> this.sessionCount.open() == 3);
		assertThat(this.sessionCount.open("websocket")).isEqualTo(2);
		assertThat(this.sessionCount.open("echo")).isOne();
	}

	@AfterEach
	void closeAll() {
		this.bystander.close();
		this.echo.close();
		this.stomp.abort();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/stomp", "/echo", "/", "/sockjs/websocket", "/sockjs/000/limit/websocket" })
	void refusesAHandshakePastTheLimit(String path) throws Exception {
		HttpResponse<?> refused = refusedHandshake(path);
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
		this.bystander.assertStillReceives();
		assertThat(this.echo.echo("still here")).isEqualTo("still here");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void logsRefusalsWithTheLimitThatWasReached(CapturedOutput output) {
		// At most a line a second per endpoint: a flood of refusals must not flood the
		// log.
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(300)).until(() -> {
			refusedHandshake("/stomp");
			refusedHandshake("/echo");
			return output.getAll().contains("2 sessions are open (limit.sessions)")
					&& output.getAll().contains("1 sessions are open (limit.echo-sessions)");
		});
	}

	@Test
	void refusesANewSockJsSessionPastTheLimitButStillAnswersInfo() throws Exception {
		HttpResponse<String> info = this.http
			.send(HttpRequest.newBuilder(URI.create(url("http", "/sockjs/info"))).build(), BodyHandlers.ofString());
		assertThat(info.statusCode()).isEqualTo(200);
		HttpResponse<String> xhr = this.http
			.send(HttpRequest.newBuilder(URI.create(url("http", "/sockjs/000/xhrlimit/xhr")))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), BodyHandlers.ofString());
		assertThat(xhr.statusCode()).isEqualTo(503);
	}

	@Test
	void opensANewSessionOnceOneCloses() throws Exception {
		assertThat(refusedHandshake("/stomp").statusCode()).isEqualTo(503);
		this.stomp.abort();
		await().atMost(TIMEOUT).until(() -> this.sessionCount.open() == 2);
		RawStompSocket next = RawStompSocket.connected(url("ws", "/stomp"));
		try {
			next.send("SUBSCRIBE\nid:0\ndestination:/topic/next\nreceipt:r0\n\n\0");
			assertThat(next.awaitFrame().getReceiptId()).isEqualTo("r0");
			assertThat(refusedHandshake("/stomp").statusCode()).isEqualTo(503);
		}
		finally {
			next.abort();
		}
		this.bystander.assertStillReceives();
	}

	@Test
	void countsEachSessionUntilItCloses() {
		this.stomp.abort();
		await().atMost(TIMEOUT).until(() -> this.sessionCount.open() == 2);
		this.bystander.close();
		await().atMost(TIMEOUT).until(() -> this.sessionCount.open() == 1);
	}

	private HttpResponse<?> refusedHandshake(String path) throws InterruptedException {
		CompletableFuture<WebSocket> handshake = this.http.newWebSocketBuilder()
			.subprotocols("v12.stomp")
			.connectTimeout(TIMEOUT)
			.buildAsync(URI.create(url("ws", path)), new WebSocket.Listener() {
			});
		Throwable failure = catchThrowable(() -> handshake.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
		assertThat(failure).as("handshake on %s", path)
			.isInstanceOf(ExecutionException.class)
			.cause()
			.isInstanceOf(WebSocketHandshakeException.class);
		return ((WebSocketHandshakeException) failure.getCause()).getResponse();
	}

	private String url(String scheme, String path) {
		return scheme + "://localhost:" + this.httpPort + path;
	}

}
