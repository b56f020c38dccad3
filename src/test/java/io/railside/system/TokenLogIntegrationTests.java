package io.railside.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import io.railside.cable.CableTestClient;
import io.railside.security.TestTokens;
import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deployer troubleshooting with every Spring and Railside logger at DEBUG or TRACE must
 * never find a token in the log: sessions with a token in the URL (WebSocket and SockJS)
 * and in the CONNECT header, through CONNECT, an allowed and a refused SUBSCRIBE, a
 * refused CONNECT and a DISCONNECT, in a Railside process of its own.
 */
@Timeout(180)
class TokenLogIntegrationTests {

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final List<String> tokens = new ArrayList<>();

	@ParameterizedTest
	@ValueSource(strings = { "DEBUG", "TRACE" })
	void noLogLevelShowsAToken(String level) throws Exception {
		try (RailsideProcess railside = RailsideProcess.start("token-log-" + level.toLowerCase(),
				"--railside.jwt.secret=" + TestTokens.SECRET, "--railside.jwt.issuer=" + TestTokens.ISSUER,
				"--railside.jwt.audience=" + TestTokens.AUDIENCE, "--logging.level.root=" + level,
				"--logging.level.org.springframework=" + level, "--logging.level.io.railside=" + level,
				"--logging.level.org.springframework.web.socket.messaging.StompSubProtocolHandler=" + level)) {
			railside.awaitReady();
			tokenInTheStompUrl(railside);
			tokenInTheConnectHeader(railside);
			badTokenInTheConnectHeader(railside);
			tokenInTheSockJsUrl(railside);
			tokensInTheCableUrl(railside);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> railside.logText().contains("Closing STOMP session")
						&& railside.logText().contains("sockjs-user"));
			String log = railside.logText();
			assertThat(log).as("the log at " + level).contains(" " + level + " ");
			for (String token : this.tokens) {
				assertThat(log).doesNotContain(token).doesNotContain(TestTokens.signature(token));
			}
		}
	}

	private void tokensInTheCableUrl(RailsideProcess railside) {
		String token = remember(TestTokens.hs256(TestTokens.claims("cable-user").claim("streams", List.of("news"))));
		try (CableTestClient cable = CableTestClient.welcomed(railside.url("ws", "/cable?jid=" + token))) {
			String news = CableTestClient.identifier("$pubsub", "stream_name", "news");
			cable.subscribe(news);
			cable.awaitType("confirm_subscription");
		}
		String valid = TestTokens.hs256(TestTokens.claims("cable-user"));
		// The signature's first character: its last one carries bits no decoder reads.
		int signature = valid.lastIndexOf('.') + 1;
		String forged = remember(valid.substring(0, signature) + ((valid.charAt(signature) == 'A') ? 'B' : 'A')
				+ valid.substring(signature + 1));
		try (CableTestClient cable = CableTestClient.open(railside.url("ws", "/cable?access_token=" + forged))) {
			assertThat(cable.awaitType("disconnect").path("reason").asString()).isEqualTo("unauthorized");
		}
	}

	private void tokenInTheStompUrl(RailsideProcess railside) {
		String token = remember(TestTokens.hs256(TestTokens.claims("url-user").claim("subscribe", List.of("news"))));
		RawStompSocket socket = RawStompSocket.open(railside.url("ws", "/stomp?access_token=" + token));
		try {
			socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0");
			assertThat(socket.awaitFrame().getCommand()).hasToString("CONNECTED");
			socket.send("SUBSCRIBE\nid:1\ndestination:/topic/news\nreceipt:r1\n\n\0");
			assertThat(socket.awaitFrame().getCommand()).hasToString("RECEIPT");
			socket.send("SUBSCRIBE\nid:2\ndestination:/topic/secret\n\n\0");
			StompHeaderAccessor refused = socket.awaitFrame();
			assertThat(refused.getCommand()).hasToString("ERROR");
			assertThat(refused.getMessage()).isEqualTo("forbidden");
			socket.awaitClose();
		}
		finally {
			socket.abort();
		}
	}

	private void tokenInTheConnectHeader(RailsideProcess railside) {
		String token = remember(TestTokens.hs256(TestTokens.claims("header-user").claim("subscribe", List.of("news"))));
		RawStompSocket socket = RawStompSocket.open(railside.url("ws", "/stomp"));
		try {
			socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nAuthorization:Bearer " + token + "\n\n\0");
			assertThat(socket.awaitFrame().getCommand()).hasToString("CONNECTED");
			socket.send("SUBSCRIBE\nid:1\ndestination:/topic/news\nreceipt:r1\n\n\0");
			assertThat(socket.awaitFrame().getCommand()).hasToString("RECEIPT");
			socket.send("DISCONNECT\nreceipt:bye\n\n\0");
			assertThat(socket.awaitFrame().getCommand()).hasToString("RECEIPT");
		}
		finally {
			socket.abort();
		}
	}

	private void badTokenInTheConnectHeader(RailsideProcess railside) {
		Instant past = Instant.now().minus(Duration.ofHours(1));
		String token = remember(TestTokens.hs256(TestTokens.claims("expired-user")
			.issueTime(Date.from(past.minus(Duration.ofMinutes(5))))
			.expirationTime(Date.from(past))));
		RawStompSocket socket = RawStompSocket.open(railside.url("ws", "/stomp"));
		try {
			// An invalid content-length: Spring's decoder logs the frame's headers at
			// DEBUG.
			socket.send("CONNECT\naccept-version:1.2\nhost:localhost\ncontent-length:x\nauthorization:Bearer " + token
					+ "\n\n\0");
			StompHeaderAccessor refused = socket.awaitFrame();
			assertThat(refused.getCommand()).hasToString("ERROR");
			assertThat(refused.getMessage()).isEqualTo("auth.expired");
			socket.awaitClose();
		}
		finally {
			socket.abort();
		}
	}

	/**
	 * SockJS's XHR transport as a browser uses it: every request carries the query of the
	 * endpoint URL, so the token arrives many times.
	 */
	private void tokenInTheSockJsUrl(RailsideProcess railside) throws Exception {
		String token = remember(TestTokens.valid("sockjs-user"));
		String session = railside.url("http", "/sockjs/000/logtest/");
		String query = "?access_token=" + token;
		assertThat(post(session + "xhr" + query, "")).startsWith("o");
		assertThat(post(session + "xhr_send" + query,
				"[\"CONNECT\\naccept-version:1.2\\nhost:localhost\\nheart-beat:0,0\\n\\n\\u0000\"]"))
			.isEmpty();
		assertThat(post(session + "xhr" + query, "")).contains("CONNECTED");
		post(session + "xhr_send" + query, "[\"SUBSCRIBE\\nid:1\\ndestination:/topic/secret\\n\\n\\u0000\"]");
		// The ERROR frame, or the close that follows it if that came first.
		assertThat(post(session + "xhr" + query, "")).containsAnyOf("forbidden", "c[3000");
	}

	private static String post(String url, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("POST " + url.substring(0, url.indexOf('?'))).isBetween(200, 204);
		return response.body();
	}

	private String remember(String token) {
		this.tokens.add(token);
		return token;
	}

}
