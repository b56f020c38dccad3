package io.railside.sockjs;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A polling SockJS client whose session ends with an ERROR frame (here a SUBSCRIBE to a
 * destination outside the broker's prefixes) polls again while the session closes. The
 * poll's answer is one well-formed HTTP response every time: the ERROR frame, or the
 * close frame that Spring sends to a poll of a closed session. Spring writes a close
 * frame outside the lock its other writes take, so without closing under that lock
 * ({@code SockJsResponseLock}) a poll that arrived while the session closed got two sets
 * of headers on one connection (the JDK client's "Illegal character in chunk size").
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "railside.http.port=0")
@Timeout(120)
class SockJsCloseRaceIntegrationTests {

	private static final int SESSIONS = 300;

	private static final String CONNECT = "CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0";

	private static final String REFUSED_SUBSCRIBE = "SUBSCRIBE\nid:1\ndestination:/nowhere\n\n\0";

	private static final AtomicInteger ids = new AtomicInteger();

	@Value("${local.http.port}")
	private int httpPort;

	@Test
	void aPollWhileTheSessionClosesGetsOneWellFormedResponse() throws Exception {
		SockJsHttp sockJs = new SockJsHttp(this.httpPort);
		for (int i = 0; i < SESSIONS; i++) {
			String session = "race" + ids.incrementAndGet();
			assertThat(body(sockJs.open(session))).startsWith("o");
			body(sockJs.send(session, CONNECT));
			assertThat(body(sockJs.poll(session))).contains("CONNECTED");
			// The poll goes out as the refusal is on its way, so that it arrives before,
			// while or after the session closes.
			CompletableFuture<String> poll = CompletableFuture.supplyAsync(() -> body(sockJs.poll(session)));
			body(sockJs.send(session, REFUSED_SUBSCRIBE));
			String answer = poll.get(SockJsHttp.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			if (!answer.startsWith("c")) {
				assertThat(answer).as("session " + session).startsWith("a").contains("ERROR");
			}
		}
	}

	private static String body(HttpResponse<String> response) {
		assertThat(response.statusCode()).as("POST " + response.uri().getPath()).isBetween(200, 204);
		return response.body();
	}

}
