package io.railside.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.railside.sessions.SessionCount;
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
import org.springframework.messaging.simp.SimpMessagingTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that stop reading while their topic is busy are cut off as slow consumers once
 * 64 KB queue up for them or a send takes a second, and a fast subscriber of the same
 * topic gets every message, in order, without a stall.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.limits.send-buffer-size=64KB",
				"railside.limits.send-time-limit=1s" })
@Timeout(120)
class SlowConsumerIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Duration SEND_TIME_LIMIT = Duration.ofSeconds(1);

	private static final String TOPIC = "/topic/flood";

	private static final int SIZE = 8 * 1024;

	/**
	 * At most 32 MB, enough to fill the socket buffers of a client that reads nothing.
	 */
	private static final int MOST_MESSAGES = 4000;

	/** Messages after the last slow client is cut off, to see the fast one carry on. */
	private static final int MESSAGES_AFTER = 200;

	/** Messages published ahead of the fast client, well under its own 64 KB buffer. */
	private static final int WINDOW = 4;

	@Value("${local.http.port}")
	private int httpPort;

	@Autowired
	private SessionCount sessionCount;

	@Autowired
	private SimpMessagingTemplate broker;

	private final List<ControlledStompSocket> sockets = new ArrayList<>();

	private ControlledStompSocket fast;

	private long largestGap;

	@BeforeEach
	void connectTheFastClient() {
		await().atMost(TIMEOUT).until(() -> this.sessionCount.open() == 0);
		this.fast = connect("fast");
	}

	@AfterEach
	void closeAll() {
		this.sockets.forEach(ControlledStompSocket::abort);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void cutsOffAClientThatStopsReadingAndKeepsTheOthersFlowing(CapturedOutput output) {
		connect("slow").stopReading();
		int published = floodUntilOpenSessions(1);
		assertThat(Duration.ofNanos(this.largestGap)).as("largest gap between the fast client's %d messages", published)
			.isLessThan(SEND_TIME_LIMIT.dividedBy(2));
		assertThat(output.getAll()).containsPattern("WARN .*Terminating '.*(Buffer size|Send time)");
	}

	@Test
	void keepsTheOthersFlowingWhileSeveralSlowClientsAreCutOff() {
		// The outbound channel has two threads per processor; a slow client being cut off
		// must not hold two of them for the whole send time limit.
		int slow = Runtime.getRuntime().availableProcessors();
		for (int i = 0; i < slow; i++) {
			connect("slow" + i).stopReading();
		}
		int published = floodUntilOpenSessions(1);
		assertThat(Duration.ofNanos(this.largestGap))
			.as("largest gap between the fast client's %d messages with %d slow clients", published, slow)
			.isLessThan(SEND_TIME_LIMIT.dividedBy(2));
	}

	/**
	 * Publish sizeable messages, each once the fast client has the one {@link #WINDOW}
	 * before it, until only {@code open} sessions are left and then some more, noting the
	 * largest gap between the fast client's messages.
	 * @param open the sessions left once the slow clients are cut off
	 * @return how many messages were published
	 */
	private int floodUntilOpenSessions(int open) {
		String padding = "x".repeat(SIZE - 5);
		long previous = 0;
		int last = MOST_MESSAGES;
		for (int sent = 0; sent < last + WINDOW; sent++) {
			if (sent < last) {
				this.broker.convertAndSend(TOPIC, String.format("%04d", sent) + ":" + padding);
			}
			if (sent >= WINDOW) {
				ControlledStompSocket.Received message = this.fast.awaitFrame();
				assertThat(message.body()).as("message %d, in order", sent - WINDOW)
					.startsWith(String.format("%04d", sent - WINDOW) + ":")
					.hasSize(SIZE);
				if (previous != 0) {
					this.largestGap = Math.max(this.largestGap, message.nanos() - previous);
				}
				previous = message.nanos();
			}
			if (last == MOST_MESSAGES && this.sessionCount.open() == open) {
				last = Math.min(sent + MESSAGES_AFTER, MOST_MESSAGES);
			}
		}
		assertThat(this.sessionCount.open()).as("open sessions after %d messages", last).isEqualTo(open);
		return last;
	}

	private ControlledStompSocket connect(String name) {
		ControlledStompSocket socket = ControlledStompSocket.connected("ws://localhost:" + this.httpPort + "/stomp");
		this.sockets.add(socket);
		socket.subscribe(name, TOPIC);
		return socket;
	}

}
