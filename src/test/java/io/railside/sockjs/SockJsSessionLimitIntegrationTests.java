package io.railside.sockjs;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.railside.limits.Bystander;
import io.railside.sessions.SessionCount;
import io.railside.stomp.StompTestSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cap on SockJS sessions waiting for their next request (five here) and their expiry
 * (a disconnect delay of two seconds): plain POSTs that open sessions and never poll
 * again fill the cap, the next one gets 503, the sessions are closed within twice the
 * delay, and then new sessions open again. SockJS clients over xhr streaming and polling
 * that were connected before keep working throughout, and so does a WebSocket bystander.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.limits.sockjs-waiting-sessions=5",
				"railside.limits.sockjs-disconnect-delay=2s" })
@Timeout(60)
class SockJsSessionLimitIntegrationTests {

	private static final int CAP = 5;

	private static final Duration DELAY = Duration.ofSeconds(2);

	private static final AtomicInteger ids = new AtomicInteger();

	@Value("${local.http.port}")
	private int httpPort;

	@Autowired
	private SockJsSessions sockJsSessions;

	@Autowired
	private SessionCount sessionCount;

	private SockJsHttp sockJs;

	private Bystander bystander;

	private final List<StompTestSession> clients = new ArrayList<>();

	@BeforeEach
	void startEmpty() {
		await().atMost(DELAY.multipliedBy(3)).until(() -> this.sessionCount.open("sockjs") == 0);
		this.sockJs = new SockJsHttp(this.httpPort);
		this.bystander = Bystander.connect("ws://localhost:" + this.httpPort + "/stomp");
	}

	@AfterEach
	void closeAll() {
		this.clients.forEach(StompTestSession::disconnect);
		this.bystander.close();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void refusesAPlainPostPastTheCap(CapturedOutput output) {
		for (int i = 0; i < CAP; i++) {
			assertThat(this.sockJs.open(newId()).body()).startsWith("o");
		}
		HttpResponse<String> refused = this.sockJs.open(newId());
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(refused.body()).startsWith("limit.sockjs_sessions: ").endsWith(".\n");
		assertThat(output.getAll()).contains("5 sessions wait for their next request (limit.sockjs_sessions)");
		this.bystander.assertStillReceives();
	}

	@Test
	void closesSessionsLeftWithoutARequestWithinTwiceTheDelay() {
		for (int i = 0; i < CAP; i++) {
			assertThat(this.sockJs.open(newId()).body()).startsWith("o");
		}
		assertThat(this.sockJs.open(newId()).statusCode()).isEqualTo(503);
		assertThat(this.sockJsSessions.waiting()).isEqualTo(CAP);
		await().atMost(DELAY.multipliedBy(2).plusSeconds(2)).until(() -> this.sessionCount.open("sockjs") == 0);
		assertThat(this.sockJsSessions.waiting()).isZero();
		assertThat(this.sockJs.open(newId()).body()).startsWith("o");
		this.bystander.assertStillReceives();
	}

	@Test
	void keepsSockJsClientsOverXhrStreamingAndPollingWorkingWhileTheCapIsFull() {
		StompTestSession streaming = connect(false);
		StompTestSession polling = connect(true);
		streaming.subscribe("/topic/sockjs.streaming");
		polling.subscribe("/topic/sockjs.polling");
		int opened = 0;
		while (opened <= CAP && this.sockJs.open(newId()).statusCode() == 200) {
			opened++;
		}
		assertThat(opened).as("plain POSTs that opened a session").isBetween(CAP - 2, CAP);
		assertThat(this.sockJs.open(newId()).statusCode()).isEqualTo(503);
		assertRoundTrip(streaming, "/topic/sockjs.streaming");
		assertRoundTrip(polling, "/topic/sockjs.polling");
		this.bystander.assertStillReceives();
		await().atMost(DELAY.multipliedBy(2).plusSeconds(2)).until(() -> this.sessionCount.open("sockjs") == 2);
		assertRoundTrip(polling, "/topic/sockjs.polling");
		assertRoundTrip(connect(true), null);
	}

	private StompTestSession connect(boolean polling) {
		RestTemplateXhrTransport transport = new RestTemplateXhrTransport();
		transport.setXhrStreamingDisabled(polling);
		StompTestSession client = StompTestSession.connect(new SockJsClient(List.of(transport)),
				"http://localhost:" + this.httpPort + "/sockjs", new WebSocketHttpHeaders(), new StompHeaders());
		this.clients.add(client);
		return client;
	}

	private static void assertRoundTrip(StompTestSession client, String destination) {
		String topic = (destination != null) ? destination : "/topic/sockjs.new";
		if (destination == null) {
			client.subscribe(topic);
		}
		String body = "over " + topic + " " + ids.incrementAndGet();
		client.send(topic, body);
		assertThat(client.awaitFrame().body()).isEqualTo(body);
	}

	private static String newId() {
		return "waiting-" + ids.incrementAndGet();
	}

}
