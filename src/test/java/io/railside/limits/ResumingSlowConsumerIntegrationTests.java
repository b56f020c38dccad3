package io.railside.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.railside.history.History;
import io.railside.history.Position;
import io.railside.history.Resume;
import io.railside.history.Resume.Outcome;
import io.railside.limits.ControlledStompSocket.Received;
import org.junit.jupiter.api.AfterEach;
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
 * A resume's replay against the session's send buffer: a replay forty times the buffer,
 * to a client on a slow link, is paced to its reading and the client is not cut off; a
 * client that stops reading while it resumes, as its topic goes on, is cut off with ERROR
 * {@code slow_consumer} once the live messages held back for it pass the bound, rather
 * than having them queue without end, and gets no message after the gap.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.limits.send-buffer-size=16KB", "railside.history.size=3000",
				"railside.history.replay-messages=3000", "railside.history.replay-bytes=32MB" })
@Timeout(120)
class ResumingSlowConsumerIntegrationTests {

	/** About 650 KB of messages to replay, forty times the send buffer. */
	private static final int PACED = 600;

	/**
	 * 20 MB of messages to replay, several times what the kernel's socket buffers hold
	 * for a client that reads nothing, in messages smaller than the send buffer.
	 */
	private static final int STALLED = 2500;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Value("${local.http.port}")
	private int httpPort;

	@Autowired
	private SimpMessagingTemplate broker;

	@Autowired
	private History<?> history;

	private final List<ControlledStompSocket> sockets = new ArrayList<>();

	@AfterEach
	void closeAll() {
		this.sockets.forEach(ControlledStompSocket::abort);
	}

	@Test
	void pacesAReplayManyTimesTheSendBufferToASlowReaderWithoutCuttingItOff() {
		String topic = "/topic/paced";
		String after = positionAfterFirst(topic);
		publishMissed(topic, PACED, 1024);
		ControlledStompSocket back = connect();
		// About 650 KB in two and a half seconds.
		back.readAtMost(256 * 1024);
		assertRecovered(resume(back, topic, after));
		List<String> live = List.of("live-1", "live-2", "live-3");
		live.forEach((body) -> this.broker.convertAndSend(topic, body));
		for (int i = 0; i < PACED; i++) {
			Received message = back.awaitFrame();
			assertThat(message.command()).as("frame %d: %s", i, message.frame().toNativeHeaderMap())
				.isEqualTo("MESSAGE");
			assertThat(message.body()).as("replayed message %d", i).startsWith(String.format("r%04d ", i));
		}
		for (String body : live) {
			assertThat(back.awaitFrame().body()).isEqualTo(body);
		}
		this.broker.convertAndSend(topic, "still connected");
		assertThat(back.awaitFrame().body()).isEqualTo("still connected");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void cutsOffAResumingClientThatStopsReadingWhileItsTopicGoesOn(CapturedOutput output) {
		String topic = "/topic/stalled";
		String after = positionAfterFirst(topic);
		publishMissed(topic, STALLED, 8 * 1024);
		ControlledStompSocket stalled = connect();
		stalled.stopReading();
		long recovered = this.history.resumes(Outcome.RECOVERED);
		stalled.send(resume(topic, after));
		// The live messages must come after the resume: before it, they would push the
		// missed ones out of the history, and the resume would answer too_old instead.
		await("the resume").atMost(TIMEOUT).until(() -> this.history.resumes(Outcome.RECOVERED) > recovered);
		// Held back while the replay waits, until they pass the bound (replay-messages).
		for (int live = 0; live < 2 * STALLED && !output.getAll().contains("): slow_consumer"); live += 100) {
			for (int i = live; i < live + 100; i++) {
				this.broker.convertAndSend(topic, "live-" + i);
			}
		}
		await("the cut-off").atMost(TIMEOUT).until(() -> output.getAll().contains("): slow_consumer"));
		// Live messages after the cut-off must not reach it either: after the gap they
		// would move its position past the messages it never got.
		for (int i = 0; i < 50; i++) {
			this.broker.convertAndSend(topic, "after-" + i);
		}
		stalled.startReading();
		assertRecovered(stalled.awaitFrame());
		int replayed = 0;
		Received frame;
		while ((frame = stalled.awaitFrame()).command().equals("MESSAGE")) {
			assertThat(frame.body()).as("replayed message %d", replayed).startsWith(String.format("r%04d ", replayed));
			replayed++;
		}
		assertThat(frame.command()).isEqualTo("ERROR");
		assertThat(frame.frame().getMessage()).isEqualTo("slow_consumer");
		assertThat(replayed).as("messages replayed before the cut-off").isBetween(1, STALLED - 1);
		assertThat(stalled.awaitClose()).isEqualTo(1002);
		assertThat(stalled.remaining()).as("frames after the ERROR").isEmpty();
	}

	/**
	 * Subscribe, receive one message, and drop the connection.
	 * @return the position header lines of that message, to resume after it
	 */
	private String positionAfterFirst(String topic) {
		ControlledStompSocket first = connect();
		first.subscribe("0", topic);
		this.broker.convertAndSend(topic, "first");
		Received message = first.awaitFrame();
		assertThat(message.body()).isEqualTo("first");
		first.abort();
		return Position.EPOCH_HEADER + ":" + message.frame().getFirstNativeHeader(Position.EPOCH_HEADER) + "\n"
				+ Position.OFFSET_HEADER + ":" + message.frame().getFirstNativeHeader(Position.OFFSET_HEADER) + "\n";
	}

	private void publishMissed(String topic, int messages, int size) {
		String padding = "x".repeat(size);
		for (int i = 0; i < messages; i++) {
			this.broker.convertAndSend(topic, String.format("r%04d ", i) + padding);
		}
	}

	private static Received resume(ControlledStompSocket socket, String topic, String after) {
		socket.send(resume(topic, after));
		return socket.awaitFrame();
	}

	private static String resume(String topic, String after) {
		return "SUBSCRIBE\nid:0\ndestination:" + topic + "\nreceipt:resumed\n" + after + "\n\0";
	}

	private static void assertRecovered(Received receipt) {
		assertThat(receipt.command()).as("%s", receipt.frame().toNativeHeaderMap()).isEqualTo("RECEIPT");
		assertThat(receipt.frame().getFirstNativeHeader(Resume.RECOVERED_HEADER)).isEqualTo("true");
	}

	private ControlledStompSocket connect() {
		ControlledStompSocket socket = ControlledStompSocket.connected("ws://localhost:" + this.httpPort + "/stomp");
		this.sockets.add(socket);
		return socket;
	}

}
