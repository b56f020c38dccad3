package io.railside.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import io.railside.stomp.RawStompSocket;
import io.railside.stomp.StompTestSession;
import io.railside.stomp.StompTestSession.Frame;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.WebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * STOMP connections that present tokens, for the secured end-to-end tests, and the checks
 * every refusal there passes: one ERROR with the stable code in its {@code message}
 * header and one plain sentence as its body, no token text in either, the socket closed,
 * and a bystander session that keeps receiving. It remembers each token it handled, so a
 * test can check that none reached the log.
 */
final class TokenStomp implements AutoCloseable {

	private static final String BYSTANDER_TOPIC = "/topic/bystander";

	private static final int MIN_SECRET_LENGTH = 8;

	private final int port;

	private final List<String> tokens = new ArrayList<>();

	private final List<String> codes = new ArrayList<>();

	private final List<RawStompSocket> sockets = new ArrayList<>();

	private final List<StompTestSession> sessions = new ArrayList<>();

	private final List<ConnectAttempt> attempts = new ArrayList<>();

	private @Nullable StompTestSession bystander;

	TokenStomp(int port) {
		this.port = port;
	}

	/**
	 * Connect the bystander, subscribed to {@code /topic/bystander}.
	 * @param token a token that may subscribe and publish to topic {@code bystander}
	 */
	void connectBystander(String token) {
		this.bystander = session(token);
		this.bystander.subscribe(BYSTANDER_TOPIC);
	}

	static String bystanderToken() {
		return TestTokens.hs256(bystanderClaims());
	}

	static JWTClaimsSet.Builder bystanderClaims() {
		return TestTokens.claims("bystander")
			.claim("subscribe", List.of("bystander"))
			.claim("publish", List.of("bystander"));
	}

	String url(String scheme, String pathAndQuery) {
		return scheme + "://localhost:" + this.port + pathAndQuery;
	}

	/**
	 * Open a raw socket on {@code /stomp} and send CONNECT, without waiting for the
	 * answer.
	 * @param token the token for the {@code Authorization: Bearer} header, or
	 * {@code null} for none
	 * @return the socket
	 */
	RawStompSocket connect(@Nullable String token) {
		return connect("/stomp", (token != null) ? "Authorization:Bearer " + token + "\n" : "");
	}

	/**
	 * Open a raw socket and send CONNECT, without waiting for the answer.
	 * @param pathAndQuery the endpoint, with its query
	 * @param headers extra CONNECT header lines, each ending in a newline
	 * @return the socket
	 */
	RawStompSocket connect(String pathAndQuery, String headers) {
		RawStompSocket socket = open(pathAndQuery);
		socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n" + headers + "\n\0");
		return socket;
	}

	/**
	 * Open a raw socket and send nothing.
	 * @param pathAndQuery the endpoint, with its query
	 * @return the socket
	 */
	RawStompSocket open(String pathAndQuery) {
		RawStompSocket socket = RawStompSocket.open(url("ws", pathAndQuery));
		this.sockets.add(socket);
		return socket;
	}

	/**
	 * Open a raw socket on {@code /stomp} and CONNECT with a token that is accepted.
	 * @param token the token
	 * @return the socket, CONNECTED received
	 */
	RawStompSocket connected(String token) {
		RawStompSocket socket = connect(remember(token));
		assertConnected(socket);
		return socket;
	}

	static void assertConnected(RawStompSocket socket) {
		StompHeaderAccessor connected = socket.awaitFrame();
		assertThat(String.valueOf(connected.getCommand()))
			.as("%s %s", connected.getCommand(), connected.toNativeHeaderMap())
			.isEqualTo("CONNECTED");
	}

	/**
	 * Connect Spring's STOMP client to {@code /stomp} with a token that is accepted.
	 * @param token the token, sent as {@code Authorization: Bearer}
	 * @return the session
	 */
	StompTestSession session(String token) {
		StompHeaders connect = new StompHeaders();
		connect.add("Authorization", "Bearer " + remember(token));
		return session(StompTestSession.webSocketClient(null), url("ws", "/stomp"), connect);
	}

	StompTestSession session(WebSocketClient client, String url, StompHeaders connect) {
		StompTestSession session = StompTestSession.connect(client, url, new WebSocketHttpHeaders(), connect);
		this.sessions.add(session);
		return session;
	}

	ConnectAttempt attempt(WebSocketClient client, String url, StompHeaders connect) {
		ConnectAttempt attempt = ConnectAttempt.start(client, url, connect);
		this.attempts.add(attempt);
		return attempt;
	}

	/**
	 * Remember a token, so that refusals and the log are checked for it.
	 * @param token the token
	 * @return the token
	 */
	String remember(String token) {
		this.tokens.add(token);
		return token;
	}

	void assertRefused(RawStompSocket socket, String frame, String code) {
		socket.send(frame);
		assertRefused(socket, code);
	}

	void assertRefused(RawStompSocket socket, String code) {
		StompHeaderAccessor error = socket.awaitFrame();
		assertThat(String.valueOf(error.getCommand())).as("%s %s", error.getCommand(), error.toNativeHeaderMap())
			.isEqualTo("ERROR");
		assertError(error.getMessage(), error.toNativeHeaderMap(), RawStompSocket.body(error), code);
		assertThat(socket.awaitClose()).isEqualTo(1002);
		assertBystanderStillReceives();
	}

	void assertRefused(ConnectAttempt attempt, String code) {
		Frame error = attempt.awaitError();
		assertError(error.header("message"), error.headers(), error.body(), code);
		assertThat(attempt.awaitClosed()).as("closed").isTrue();
		assertThat(attempt.isConnected()).isFalse();
		assertBystanderStillReceives();
	}

	private void assertError(@Nullable String message, Map<String, List<String>> headers, String body, String code) {
		assertThat(message).isEqualTo(code);
		assertThat(body).matches("[^\n]+\\.").doesNotContain(". ", "Exception", "java.", "org.springframework");
		assertNoTokenIn(headers + "\n" + body);
		this.codes.add(code);
	}

	void assertBystanderStillReceives() {
		assertThat(this.bystander).as("bystander").isNotNull();
		this.bystander.send(BYSTANDER_TOPIC, "still here");
		assertThat(this.bystander.awaitFrame().body()).isEqualTo("still here");
	}

	/**
	 * Assert that no token handled so far, nor its signature, appears in the text, and
	 * that every refusal was logged with its code.
	 * @param log the captured output of the application
	 */
	void assertLogged(CharSequence log) {
		assertNoTokenIn(log);
		for (String code : this.codes) {
			assertThat(log).contains("): " + code);
		}
	}

	/**
	 * Check the log as {@link #assertLogged(CharSequence)} does, then close every socket
	 * and session, even when the check fails.
	 * @param log the captured output of the application
	 */
	void assertLoggedThenClose(CharSequence log) {
		try {
			assertLogged(log);
		}
		finally {
			close();
		}
	}

	private void assertNoTokenIn(CharSequence text) {
		for (String token : this.tokens) {
			// Skip fragments so short (the "c" of "a.b.c") that any text might contain
			// them.
			if (token.length() >= MIN_SECRET_LENGTH) {
				assertThat(text).doesNotContain(token);
			}
			String signature = TestTokens.signature(token);
			if (signature.length() >= MIN_SECRET_LENGTH) {
				assertThat(text).doesNotContain(signature);
			}
		}
	}

	@Override
	public void close() {
		this.sockets.forEach(RawStompSocket::abort);
		this.attempts.forEach(ConnectAttempt::abort);
		this.sessions.forEach(StompTestSession::disconnect);
	}

}
