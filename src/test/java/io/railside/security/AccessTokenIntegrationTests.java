package io.railside.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.railside.stomp.RawStompSocket;
import io.railside.stomp.StompTestSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;
import org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The token in the handshake URL's {@code access_token} parameter, for clients that
 * cannot set CONNECT headers: accepted on {@code /stomp} and on {@code /sockjs} (over
 * SockJS's WebSocket and XHR transports), refused there when bad, and never logged.
 */
class AccessTokenIntegrationTests extends SecuredStompTestSupport {

	@Autowired
	private SimpMessagingTemplate messagingTemplate;

	@Autowired
	@Qualifier("subProtocolWebSocketHandler")
	private WebSocketHandler subProtocolWebSocketHandler;

	@Test
	void acceptsTheTokenInTheStompUrl() {
		String token = this.stomp.remember(TestTokens.valid("url-stomp"));
		assertUserIs("url-stomp", this.stomp.session(StompTestSession.webSocketClient(null),
				this.stomp.url("ws", "/stomp?access_token=" + token), new StompHeaders()));
	}

	@Test
	void acceptsTheTokenInTheSockJsUrlOverWebSocket() {
		String token = this.stomp.remember(TestTokens.valid("url-sockjs-ws"));
		assertUserIs("url-sockjs-ws", this.stomp.session(sockJsOverWebSocket(),
				this.stomp.url("http", "/sockjs?access_token=" + token), new StompHeaders()));
	}

	@Test
	void acceptsTheTokenInTheSockJsUrlOverXhr() {
		String token = this.stomp.remember(TestTokens.valid("url-sockjs-xhr"));
		assertUserIs("url-sockjs-xhr", this.stomp.session(sockJsOverXhr(),
				this.stomp.url("http", "/sockjs?access_token=" + token), new StompHeaders()));
	}

	@Test
	void refusesABadTokenInTheStompUrl() {
		String token = this.stomp.remember(badToken());
		this.stomp.assertRefused(this.stomp.connect("/stomp?access_token=" + token, ""), "auth.invalid");
	}

	@Test
	void refusesAnExpiredTokenInTheStompUrl() {
		Instant past = Instant.now().minusSeconds(60);
		String token = this.stomp.remember(TestTokens.hs256(TestTokens.claims("url-expired", past)));
		this.stomp.assertRefused(this.stomp.connect("/stomp?access_token=" + token, ""), "auth.expired");
	}

	@Test
	void refusesABadTokenInTheSockJsUrlOverWebSocket() {
		String token = this.stomp.remember(badToken());
		this.stomp.assertRefused(this.stomp.attempt(sockJsOverWebSocket(),
				this.stomp.url("http", "/sockjs?access_token=" + token), new StompHeaders()), "auth.invalid");
	}

	@Test
	void refusesABadTokenInTheSockJsUrlOverXhr() {
		String token = this.stomp.remember(badToken());
		this.stomp.assertRefused(this.stomp.attempt(sockJsOverXhr(),
				this.stomp.url("http", "/sockjs?access_token=" + token), new StompHeaders()), "auth.invalid");
	}

	@Test
	void refusesAConnectWithoutTokenOverSockJs() {
		this.stomp.assertRefused(
				this.stomp.attempt(sockJsOverXhr(), this.stomp.url("http", "/sockjs"), new StompHeaders()),
				"auth.missing");
	}

	@Test
	void anAuthorizationHeaderTakesPrecedenceOverTheUrl() {
		String header = this.stomp.remember(TestTokens.valid("from-header"));
		String url = this.stomp.remember(badToken());
		StompHeaders connect = new StompHeaders();
		connect.add("Authorization", "Bearer " + header);
		assertUserIs("from-header", this.stomp.session(StompTestSession.webSocketClient(null),
				this.stomp.url("ws", "/stomp?access_token=" + url), connect));
	}

	@Test
	void aSocketThatNeverSendsConnectIsClosedWithoutItsTokenInTheLog(CapturedOutput output) {
		SubProtocolWebSocketHandler handler = (SubProtocolWebSocketHandler) this.subProtocolWebSocketHandler;
		int timeToFirstMessage = handler.getTimeToFirstMessage();
		handler.setTimeToFirstMessage(200);
		try {
			String token = this.stomp.remember(TestTokens.valid("silent"));
			RawStompSocket silent = this.stomp.open("/stomp?access_token=" + token);
			CompletableFuture<Integer> closed = CompletableFuture.supplyAsync(silent::awaitClose);
			// Spring looks for silent sessions when another one opens.
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> this.stomp.open("/stomp") != null && closed.isDone());
			assertThat(closed.join()).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE.getCode());
			assertThat(output).contains("No messages received after")
				.doesNotContain(token)
				.doesNotContain(TestTokens.signature(token));
		}
		finally {
			handler.setTimeToFirstMessage(timeToFirstMessage);
		}
	}

	private void assertUserIs(String subject, StompTestSession session) {
		session.subscribe("/user/queue/notices");
		this.messagingTemplate.convertAndSendToUser(subject, "/queue/notices", "hello " + subject);
		assertThat(session.awaitFrame().body()).isEqualTo("hello " + subject);
	}

	private static String badToken() {
		return TestTokens.hs256("not-the-secret-but-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8),
				TestTokens.claims("mallory"));
	}

	private static WebSocketClient sockJsOverWebSocket() {
		return new SockJsClient(List.of(new WebSocketTransport(StompTestSession.webSocketClient(null))));
	}

	private static WebSocketClient sockJsOverXhr() {
		return new SockJsClient(List.of(new RestTemplateXhrTransport(new RestTemplate())));
	}

}
