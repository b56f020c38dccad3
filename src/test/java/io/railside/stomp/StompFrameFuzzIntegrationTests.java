package io.railside.stomp;

import java.time.Duration;
import java.util.Random;
import java.util.Set;

import io.railside.sessions.SessionCount;
import io.railside.stomp.StompFrameFuzzTests.Mutations;
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
 * The frame fuzz over real sockets, fewer cases: each mutated input on its own connection
 * gets either frames a client may see or one ERROR with a known code and a close, and
 * afterwards a bystander still receives and no session is left open.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "railside.http.port=0")
@Timeout(120)
class StompFrameFuzzIntegrationTests {

	private static final int CASES = 100;

	private static final Duration QUIET = Duration.ofMillis(200);

	private static final Set<String> CODES = Set.of("bad_frame", "bad_destination", "frame.too_large", "forbidden",
			"rate_limited", "limit.subscriptions");

	private static final Set<String> SERVER_COMMANDS = Set.of("CONNECTED", "RECEIPT", "MESSAGE", "ERROR");

	@Value("${local.http.port}")
	private int httpPort;

	@Autowired
	private SessionCount sessionCount;

	@Test
	void survivesMutatedFramesOnRealSockets() throws InterruptedException {
		await().atMost(RawStompSocket.TIMEOUT).until(() -> this.sessionCount.open() == 0);
		StompTestSession bystander = StompTestSession.connect(url());
		bystander.subscribe("/topic/fuzz-bystander");
		Mutations mutations = new Mutations(new Random(StompFrameFuzzTests.SEED));
		for (int i = 0; i < CASES; i++) {
			byte[] input = mutations.next();
			RawStompSocket socket = RawStompSocket.open(url());
			try {
				socket.sendBinary(input);
				assertAnswer(socket,
						"seed " + StompFrameFuzzTests.SEED + " case " + i + ": " + Mutations.printable(input));
			}
			finally {
				socket.abort();
			}
		}
		bystander.send("/topic/fuzz-bystander", "still here");
		assertThat(bystander.awaitFrame().body()).isEqualTo("still here");
		await().atMost(RawStompSocket.TIMEOUT).until(() -> this.sessionCount.open() == 1);
		bystander.disconnect();
	}

	private void assertAnswer(RawStompSocket socket, String input) throws InterruptedException {
		StompHeaderAccessor frame = socket.pollAny(QUIET);
		while (frame != null) {
			String command = String.valueOf(frame.getCommand());
			if (!frame.isHeartbeat()) {
				assertThat(command).as(input).isIn(SERVER_COMMANDS);
			}
			if (command.equals("ERROR")) {
				assertThat(frame.getMessage()).as(input).isIn(CODES);
				assertThat(RawStompSocket.body(frame)).as(input)
					.endsWith(".")
					.doesNotContain("Exception", "java.", "org.springframework", "\tat ", "\n");
				assertThat(socket.awaitClose()).as(input).isEqualTo(1002);
				return;
			}
			frame = socket.pollAny(QUIET);
		}
	}

	private String url() {
		return "ws://localhost:" + this.httpPort + "/stomp";
	}

}
