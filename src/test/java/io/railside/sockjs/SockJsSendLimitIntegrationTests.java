package io.railside.sockjs;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.railside.limits.Bystander;
import io.railside.sockjs.SockJsHttp.Streamed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bound on an {@code xhr_send} body, with the default 64 KB frame limit: a
 * {@code Content-Length} past it gets 413 before a byte of the body is read, a chunked
 * body once it passes the bound, and that client's session is closed; a frame of the
 * largest size that JSON escaping makes six times larger still passes. A WebSocket
 * bystander keeps receiving throughout.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "railside.http.port=0")
@Timeout(60)
class SockJsSendLimitIntegrationTests {

	private static final int FRAME_LIMIT = 64 * 1024;

	private static final int BOUND = SendBody.limit(DataSize.ofBytes(FRAME_LIMIT));

	private static final String CONNECT = "CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0";

	@Value("${local.http.port}")
	private int httpPort;

	private SockJsHttp sockJs;

	private Bystander bystander;

	private static final AtomicInteger sessions = new AtomicInteger();

	@BeforeEach
	void connectBystander() {
		this.sockJs = new SockJsHttp(this.httpPort);
		this.bystander = Bystander.connect("ws://localhost:" + this.httpPort + "/stomp");
	}

	@AfterEach
	void closeBystander() {
		this.bystander.close();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void refusesADeclaredLengthPastTheBoundWithoutReadingTheBody(CapturedOutput output) throws Exception {
		String session = openSession();
		Streamed refused = this.sockJs.stream(session, 99_000_000, 0);
		assertThat(refused.sent()).isZero();
		assertRefused(refused);
		assertThat(output.getAll()).contains("closed SockJS session " + session + " (sockjs.too_large)");
		assertThat(this.sockJs.open(session).body()).as("a poll of the closed session").startsWith("c[3000");
		this.bystander.assertStillReceives();
	}

	@Test
	void cutsOffAChunkedBodyOnceItPassesTheBound() throws Exception {
		Streamed refused = this.sockJs.stream(openSession(), -1, 8L * BOUND);
		assertRefused(refused);
		assertThat(refused.sent()).as("body bytes written before the answer")
			.isGreaterThanOrEqualTo(BOUND - 16 * 1024)
			.isLessThan(8L * BOUND);
		this.bystander.assertStillReceives();
	}

	@Test
	void passesAFrameOfTheLargestSizeWhoseEscapingFillsTheBound() {
		String session = openSession();
		assertThat(this.sockJs.send(session, CONNECT).statusCode()).isEqualTo(204);
		String head = "SEND\ndestination:" + Bystander.TOPIC + "\n\n";
		String body = "\u0001".repeat(FRAME_LIMIT - head.length() - 1);
		String frame = head + body + "\0";
		assertThat(SockJsHttp.quote(frame).length() + 2).as("the request body")
			.isGreaterThan(5 * FRAME_LIMIT)
			.isLessThanOrEqualTo(BOUND);
		assertThat(this.sockJs.send(session, frame).statusCode()).isEqualTo(204);
		assertThat(this.bystander.session().awaitFrame().body()).isEqualTo(body);
		this.bystander.assertStillReceives();
	}

	@Test
	void keepsTheBystanderReceivingWhileEightClientsSendTooMuch() throws Exception {
		ExecutorService attackers = Executors.newFixedThreadPool(8);
		try {
			List<Future<Streamed>> attacks = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String session = openSession();
				long declared = (i % 2 == 0) ? 99_000_000 : -1;
				attacks.add(attackers.submit(() -> this.sockJs.stream(session, declared, 8L * BOUND)));
			}
			this.bystander.assertStillReceives();
			for (Future<Streamed> attack : attacks) {
				assertRefused(attack.get(SockJsHttp.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
			}
		}
		finally {
			attackers.shutdownNow();
		}
		this.bystander.assertStillReceives();
	}

	private String openSession() {
		String session = "send-limit-" + sessions.incrementAndGet();
		HttpResponse<String> opened = this.sockJs.open(session);
		assertThat(opened.statusCode()).isEqualTo(200);
		assertThat(opened.body()).startsWith("o");
		return session;
	}

	private static void assertRefused(Streamed refused) {
		assertThat(refused.status()).isEqualTo(413);
		assertThat(refused.answer()).containsIgnoringCase("Content-Type: text/plain");
		assertThat(refused.body()).contains("sockjs.too_large: A SockJS send may carry at most " + BOUND + " bytes.")
			.doesNotContain("Exception", "java.", "org.springframework");
	}

}
