package io.railside.publish;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import io.railside.stomp.StompTestSession;
import io.railside.stomp.StompTestSession.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.DefaultStompSession;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publish API end to end: a backend posts with the JDK HttpClient, browsers'
 * stand-ins receive over STOMP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.publish.token=" + PublishIntegrationTests.TOKEN,
				"railside.publish.max-request-size=16KB", "railside.jwt.secret=" + PublishIntegrationTests.JWT_SECRET })
@Timeout(60)
class PublishIntegrationTests {

	static final String TOKEN = "integration-publish-token";

	static final String JWT_SECRET = "a-test-secret-of-at-least-32-bytes-for-hs256";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.shared();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final List<StompTestSession> sessions = new ArrayList<>();

	@Value("${local.http.port}")
	private int httpPort;

	@AfterEach
	void disconnect() {
		this.sessions.forEach(StompTestSession::disconnect);
	}

	@Test
	void aSubscriberReceivesAStringBodyAsPlainTextWithItsHeaders() throws Exception {
		StompTestSession subscriber = connect("reader");
		subscriber.subscribe("/topic/publish.text");
		HttpResponse<String> response = publish("""
				{"destination": "/topic/publish.text", "body": "order 42 shipped",
				 "headers": {"event": "order.shipped", "order-id": "42"}}""");
		assertThat(response.statusCode()).isEqualTo(202);
		String id = json.readTree(response.body()).get("id").stringValue();
		Frame frame = subscriber.awaitFrame();
		assertThat(frame.body()).isEqualTo("order 42 shipped");
		assertThat(frame.header("content-type")).isEqualTo("text/plain;charset=UTF-8");
		assertThat(frame.header("event")).isEqualTo("order.shipped");
		assertThat(frame.header("order-id")).isEqualTo("42");
		assertThat(frame.header("railside-message-id")).isEqualTo(id);
		// The STOMP message-id is the broker's own, one per delivery: <session id>-<n>.
		assertThat(frame.header("message-id")).matches(".+-[0-9]+").isNotEqualTo(id);
	}

	@Test
	void aSubscriberReceivesAJsonBodyAsCompactJson() throws Exception {
		StompTestSession subscriber = connect("reader");
		subscriber.subscribe("/topic/publish.json");
		HttpResponse<String> response = publish("""
				{"destination": "/topic/publish.json", "body": { "order": 42, "items": [ "tea", "caf\u00e9" ] }}""");
		assertThat(response.statusCode()).isEqualTo(202);
		Frame frame = subscriber.awaitFrame();
		assertThat(frame.body()).isEqualTo("{\"order\":42,\"items\":[\"tea\",\"caf\u00e9\"]}");
		assertThat(frame.header("content-type")).isEqualTo("application/json");
	}

	@Test
	void aBatchArrivesCompleteAndInOrder() throws Exception {
		StompTestSession subscriber = connect("reader");
		subscriber.subscribe("/topic/publish.batch");
		StringBuilder batch = new StringBuilder("{\"messages\": [");
		for (int i = 0; i < 50; i++) {
			batch.append((i > 0) ? ", " : "")
				.append("{\"destination\": \"/topic/publish.batch\", \"body\": {\"n\": ")
				.append(i)
				.append("}}");
		}
		HttpResponse<String> response = publish(batch.append("]}").toString());
		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode ids = json.readTree(response.body()).get("ids");
		assertThat(ids.size()).isEqualTo(50);
		for (int i = 0; i < 50; i++) {
			Frame frame = subscriber.awaitFrame();
			assertThat(frame.body()).isEqualTo("{\"n\":" + i + "}");
			assertThat(frame.header("railside-message-id")).isEqualTo(ids.get(i).stringValue());
		}
	}

	@Test
	void aUserQueueMessageReachesThatUserOnly() throws Exception {
		StompTestSession alice = connect("alice");
		StompTestSession aliceOnHerPhone = connect("alice");
		StompTestSession bob = connect("bob");
		alice.subscribe("/user/queue/notices");
		aliceOnHerPhone.subscribe("/user/queue/notices");
		bob.subscribe("/user/queue/notices");
		HttpResponse<String> response = publish("""
				{"destination": "/user/alice/queue/notices", "body": "for alice only"}""");
		assertThat(response.statusCode()).isEqualTo(202);
		for (StompTestSession session : List.of(alice, aliceOnHerPhone)) {
			Frame frame = session.awaitFrame();
			assertThat(frame.body()).isEqualTo("for alice only");
			assertThat(frame.headers().getDestination()).isEqualTo("/user/queue/notices");
		}
		bob.assertNoFrame(Duration.ofMillis(300));
	}

	@Test
	void headersWithAwkwardValuesArriveExactlyAsSent() throws Exception {
		StompTestSession subscriber = connect("reader");
		subscriber.subscribe("/topic/publish.headers");
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("empty", "");
		headers.put("colons", "a:b::c:");
		headers.put("backslashes", "\\n\\c\\\\");
		headers.put("spaces", "  padded  ");
		headers.put("unicode", "caf\u00e9 \u20ac \u4e2d \ud83d\ude80");
		headers.put("longest", "\u20ac".repeat(1024));
		HttpResponse<String> response = publish(json.writeValueAsString(
				Map.of("destination", "/topic/publish.headers", "body", "with headers", "headers", headers)));
		assertThat(response.statusCode()).isEqualTo(202);
		Frame frame = subscriber.awaitFrame();
		headers.forEach((name, value) -> assertThat(frame.headers().get(name)).as(name).containsExactly(value));
	}

	@Test
	void aHeaderTheBrokerWouldActOnIsRefusedAndNothingIsSent() throws Exception {
		StompTestSession subscriber = connect("reader");
		subscriber.subscribe("/topic/publish.refused");
		HttpResponse<String> response = publish("""
				{"destination": "/topic/publish.refused", "body": "lost?", "headers": {"timestamp": "now"}}""");
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("code").stringValue()).isEqualTo("publish.bad_headers");
		assertThat(problem.get("pointer").stringValue()).isEqualTo("/headers/timestamp");
		assertThat(problem.get("detail").stringValue()).matches("The header timestamp is reserved: [^.]+\\.");
		assertThat(publish("""
				{"destination": "/topic/publish.refused", "body": "after"}""").statusCode()).isEqualTo(202);
		assertThat(subscriber.awaitFrame().body()).isEqualTo("after");
	}

	@Test
	void anInternalTopicIsRefusedAndOrdinaryPublishingGoesOn() throws Exception {
		StompTestSession subscriber = connect("reader");
		subscriber.subscribe("/topic/publish.ordinary");
		for (String internal : List.of("/topic/railside-internal.user-registry",
				"/topic/railside-internal.unresolved-user")) {
			HttpResponse<String> response = publish("""
					{"destination": "%s", "body": "{}"}""".formatted(internal));
			assertThat(response.statusCode()).isEqualTo(400);
			JsonNode problem = json.readTree(response.body());
			assertThat(problem.get("code").stringValue()).isEqualTo("publish.bad_destination");
			assertThat(problem.get("pointer").stringValue()).isEqualTo("/destination");
		}
		assertThat(publish("""
				{"destination": "/topic/publish.ordinary", "body": "still flowing"}""").statusCode()).isEqualTo(202);
		assertThat(subscriber.awaitFrame().body()).isEqualTo("still flowing");
		subscriber.assertNoFrame(Duration.ofMillis(300));
	}

	@Test
	void aWrongTokenIsRefusedWithAProblem() throws Exception {
		HttpResponse<String> response = this.http.send(request("Bearer not-the-token")
			.POST(BodyPublishers.ofString("{\"destination\": \"/topic/a\", \"body\": \"x\"}"))
			.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json.readTree(response.body()).get("code").stringValue()).isEqualTo("publish.unauthorized");
		assertThat(response.body()).doesNotContain(TOKEN, "not-the-token");
	}

	@Test
	void aChunkedBodyIsCutOffAtTheLimit() throws Exception {
		byte[] body = ("{\"destination\": \"/topic/a\", \"body\": \"" + "x".repeat(40 * 1024) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
		assertThat(chunked.contentLength()).isNegative();
		HttpResponse<String> response = this.http.send(request("Bearer " + TOKEN).POST(chunked).build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(json.readTree(response.body()).get("code").stringValue()).isEqualTo("publish.too_large");
	}

	@Test
	void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyArrives() throws Exception {
		try (Socket socket = new Socket("localhost", this.httpPort)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/publish HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
					+ "\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			assertThat(in.readLine()).startsWith("HTTP/1.1 413");
		}
	}

	@Test
	void aPreflightGetsNoCorsHeaders() throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.httpPort + "/api/v1/publish"))
				.timeout(TIMEOUT)
				.header("Origin", "https://browser.example")
				.header("Access-Control-Request-Method", "POST")
				.header("Access-Control-Request-Headers", "authorization, content-type")
				.method("OPTIONS", BodyPublishers.noBody())
				.build(), BodyHandlers.ofString());
		assertThat(response.headers().map().keySet())
			.noneMatch((name) -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"));
	}

	private HttpResponse<String> publish(String body) throws Exception {
		return this.http.send(request("Bearer " + TOKEN).POST(BodyPublishers.ofString(body)).build(),
				BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String authorization) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.httpPort + "/api/v1/publish"))
			.timeout(TIMEOUT)
			.header("Authorization", authorization)
			.header("Content-Type", "application/json");
	}

	/**
	 * Connect as the given user, with a token the web app would mint, allowed to read the
	 * {@code publish.*} topics.
	 * @param user the token's subject
	 * @return the connected session
	 */
	private StompTestSession connect(String user) {
		StompHeaders connect = new StompHeaders();
		connect.set("Authorization", "Bearer " + token(user));
		StompTestSession session = StompTestSession.connect(StompTestSession.webSocketClient(null),
				"ws://localhost:" + this.httpPort + "/stomp", new WebSocketHttpHeaders(), connect);
		// Read every body as text, whatever its content type, as a browser would.
		((DefaultStompSession) session.session()).setMessageConverter(new AnyTextMessageConverter());
		this.sessions.add(session);
		return session;
	}

	private static String token(String subject) {
		SecretKeySpec key = new SecretKeySpec(JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(subject)
			.expiresAt(Instant.now().plus(Duration.ofMinutes(5)))
			.claim("subscribe", List.of("publish.**"))
			.build();
		return NimbusJwtEncoder.withSecretKey(key)
			.build()
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	/**
	 * Reads a body of any content type as UTF-8 text.
	 */
	static final class AnyTextMessageConverter extends StringMessageConverter {

		AnyTextMessageConverter() {
			addSupportedMimeTypes(MimeTypeUtils.APPLICATION_JSON);
		}

	}

}
