package io.railside.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte rate limit end to end, with the default settings: one client that sends frames
 * of the largest size as fast as it can to a topic of twenty subscribers is cut off with
 * {@code rate_limited}, and the subscribers, which read as clients do, are not cut off as
 * slow consumers and keep receiving, as does the bystander.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "railside.http.port=0")
@Timeout(120)
class ByteRateLimitIntegrationTests extends LimitTestSupport {

	private static final String TOPIC = "/topic/flood";

	private static final int SUBSCRIBERS = 20;

	/** Two megabits a second: a modest mobile link. */
	private static final long LINK_SPEED = 256 * 1024;

	/** More than the frame rate's burst of 200, in case the bytes are not limited. */
	private static final int MOST_FRAMES = 300;

	@Value("${local.http.port}")
	private int httpPort;

	private final List<ControlledStompSocket> subscribers = new ArrayList<>();

	@AfterEach
	void abortSubscribers() {
		this.subscribers.forEach(ControlledStompSocket::abort);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void cutsOffAClientFloodingATopicAndKeepsItsSubscribers(CapturedOutput output) {
		for (int i = 0; i < SUBSCRIBERS; i++) {
			ControlledStompSocket subscriber = ControlledStompSocket
				.connected("ws://localhost:" + this.httpPort + "/stomp");
			this.subscribers.add(subscriber);
			subscriber.subscribe("s" + i, TOPIC);
			subscriber.readAtMost(LINK_SPEED);
		}
		RawStompSocket attacker = connected();
		String frame = largestFrame("");
		int sent = 0;
		try {
			while (sent < MOST_FRAMES) {
				attacker.send(frame);
				sent++;
			}
		}
		catch (CompletionException ex) {
			// Closed by the server, as it should be
		}
		Refusals.assertRefused(attacker, "rate_limited");
		Refusals.assertLoggedOnce(output, "rate_limited");
		this.bystander.session().send(TOPIC, "after the flood");
		for (int i = 0; i < SUBSCRIBERS; i++) {
			assertThat(skipFlood(this.subscribers.get(i))).as("subscriber %d after %d frames", i, sent)
				.isEqualTo("after the flood");
		}
		assertThat(output.getAll()).doesNotContain("Terminating '");
		this.bystander.assertStillReceives();
	}

	@Test
	void neverCutsOffAClientThatSendsALargestFrameASecond() throws InterruptedException {
		RawStompSocket socket = connected();
		// Twice the burst, so only the refill lets them all through.
		for (int i = 1; i <= 8; i++) {
			socket.send(largestFrame("receipt:r" + i + "\n"));
			assertThat(socket.awaitFrame().getReceiptId()).isEqualTo("r" + i);
			assertThat(socket.pollAny(Duration.ofSeconds(1))).as("nothing, least of all an ERROR").isNull();
		}
		this.bystander.assertStillReceives();
	}

	/**
	 * A SEND of exactly the largest frame size, headers and NUL included.
	 */
	private static String largestFrame(String headers) {
		String head = "SEND\ndestination:" + TOPIC + "\n" + headers + "\n";
		return head + "x".repeat(64 * 1024 - head.length() - 1) + "\0";
	}

	private static String skipFlood(ControlledStompSocket subscriber) {
		ControlledStompSocket.Received received = subscriber.awaitFrame();
		while (received.body().length() > 100) {
			received = subscriber.awaitFrame();
		}
		return received.body();
	}

}
