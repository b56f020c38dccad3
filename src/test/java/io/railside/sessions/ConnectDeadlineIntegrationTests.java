package io.railside.sessions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.railside.limits.LimitTestSupport;
import io.railside.echo.EchoSocket;
import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sockets that hold a place without using it, with a one-second deadline for CONNECT and
 * a one-second idle limit for the echo: a STOMP socket that never sends CONNECT (or only
 * heart-beats), a SockJS session that never sends CONNECT and a silent echo socket are
 * closed, while the bystander and a talking echo socket carry on.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.limits.connect-timeout=1s",
				"railside.limits.echo-idle-timeout=1s" })
@Timeout(60)
class ConnectDeadlineIntegrationTests extends LimitTestSupport {

	@Value("${local.http.port}")
	private int httpPort;

	@Autowired
	private ConnectDeadline deadline;

	@Test
	void aSocketThatNeverConnectsGetsConnectTimeout() {
		RawStompSocket silent = open();
		StompHeaderAccessor error = silent.awaitFrame();
		assertThat(error.getCommand()).hasToString("ERROR");
		assertThat(error.getMessage()).isEqualTo("connect.timeout");
		assertThat(RawStompSocket.body(error)).isEqualTo("Send CONNECT within 1 seconds of opening the connection.");
		silent.awaitClose();
		this.bystander.assertStillReceives();
	}

	@Test
	void heartBeatsAloneDoNotKeepASocketWithoutConnect() {
		RawStompSocket beating = open();
		beating.send("\n");
		// Spring takes a heart-beat before CONNECT for a frame out of place.
		assertThat(beating.awaitFrame().getMessage()).isIn("bad_frame", "connect.timeout");
		beating.awaitClose();
		this.bystander.assertStillReceives();
	}

	@Test
	void aConnectedSessionIsLeftAlone() throws Exception {
		RawStompSocket connected = connected();
		assertThat(connected.pollAny(Duration.ofMillis(2500))).isNull();
		connected.send("SUBSCRIBE\nid:1\ndestination:/topic/alive\nreceipt:r1\n\n\0");
		assertThat(connected.awaitFrame().getReceiptId()).isEqualTo("r1");
		assertThat(this.deadline.pending()).isZero();
	}

	@Test
	void aSockJsSessionThatNeverConnectsIsClosed() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		String session = "http://localhost:" + this.httpPort + "/sockjs/000/deadline/";
		assertThat(post(http, session + "xhr")).startsWith("o");
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> post(http, session + "xhr").contains("c["));
		this.bystander.assertStillReceives();
	}

	@Test
	void aSilentEchoSocketIsClosedAndATalkingOneIsNot() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		URI echo = URI.create("ws://localhost:" + this.httpPort + "/echo");
		try (EchoSocket silent = EchoSocket.open(http.newWebSocketBuilder(), echo);
				EchoSocket talking = EchoSocket.open(http.newWebSocketBuilder(), echo)) {
			// Tomcat looks for idle sessions every few seconds.
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(300))
				.until(() -> talking.echo("ping").equals("ping") && silent.isClosed());
			assertThat(silent.awaitCloseCode()).isEqualTo(1001);
			assertThat(talking.echo("still here")).isEqualTo("still here");
		}
	}

	private static String post(HttpClient http, String url) throws Exception {
		return http
			.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
