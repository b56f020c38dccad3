package io.railside.stomp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * With {@code RAILSIDE_ALLOWED_ORIGINS} set, STOMP and SockJS handshakes from other
 * origins get 403, while the echo, which carries no credentials, stays open to all.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0",
				"railside.stomp.allowed-origins=https://app.example,https://*.app.example" })
@Timeout(30)
class StompOriginsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Value("${local.http.port}")
	private int httpPort;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	@Test
	void acceptsAStompHandshakeFromAnAllowedOrigin() {
		assertThat(handshake("/stomp", "https://app.example")).isNull();
		assertThat(handshake("/stomp", "https://eu.app.example")).isNull();
	}

	@Test
	void refusesAStompHandshakeFromAnotherOrigin() {
		assertThat(handshake("/stomp", "https://evil.example")).isEqualTo(403);
		assertThat(handshake("/stomp", "null")).isEqualTo(403);
	}

	@Test
	void refusesSockJsFromAnotherOrigin() throws Exception {
		assertThat(sockJsInfo("https://evil.example")).isEqualTo(403);
		assertThat(sockJsInfo("https://app.example")).isEqualTo(200);
		assertThat(handshake("/sockjs/123/abcdef/websocket", "https://evil.example")).isEqualTo(403);
	}

	@Test
	void keepsTheEchoOpenToAnyOrigin() {
		assertThat(handshake("/echo", "https://evil.example")).isNull();
	}

	private Integer handshake(String path, String origin) {
		Throwable failure = catchThrowable(() -> this.client.newWebSocketBuilder()
			.header("Origin", origin)
			.subprotocols("v12.stomp")
			.connectTimeout(TIMEOUT)
			.buildAsync(URI.create("ws://localhost:" + this.httpPort + path), new java.net.http.WebSocket.Listener() {
			})
			.orTimeout(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
			.thenAccept((socket) -> socket.abort())
			.join());
		if (failure == null) {
			return null;
		}
		Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
		assertThat(cause).isInstanceOf(WebSocketHandshakeException.class);
		return ((WebSocketHandshakeException) cause).getResponse().statusCode();
	}

	private int sockJsInfo(String origin) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.httpPort + "/sockjs/info"))
			.header("Origin", origin)
			.timeout(TIMEOUT)
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
