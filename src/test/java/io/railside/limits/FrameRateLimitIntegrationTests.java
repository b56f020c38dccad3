package io.railside.limits;

import java.time.Duration;

import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frame rate limit end to end, at five frames a second with bursts of ten: a burst of
 * ten passes, the eleventh frame right after it ends the session with
 * {@code rate_limited}, DISCONNECT frames included, and a client that keeps under the
 * rate is never cut off.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.limits.frames-per-second=5",
				"railside.limits.frame-burst=10" })
@Timeout(60)
class FrameRateLimitIntegrationTests extends LimitTestSupport {

	private static final int BURST = 10;

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void passesABurstAndRefusesTheNextFrame(CapturedOutput output) {
		RawStompSocket socket = open();
		// One WebSocket message, so that no time passes to refill the bucket: CONNECT and
		// nine SENDs make the burst, the eleventh frame is one too many.
		StringBuilder frames = new StringBuilder("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0");
		for (int i = 2; i <= BURST + 1; i++) {
			frames.append("SEND\ndestination:" + Bystander.TOPIC + "\nreceipt:r" + i + "\n\nframe " + i + "\0");
		}
		socket.send(frames.toString());
		assertThat(Refusals.assertRefused(socket, "rate_limited").getReceiptId()).isEqualTo("r" + (BURST + 1));
		for (int i = 2; i <= BURST; i++) {
			assertThat(this.bystander.session().awaitFrame().body()).isEqualTo("frame " + i);
		}
		Refusals.assertLoggedOnce(output, "rate_limited");
		this.bystander.assertStillReceives();
	}

	@Test
	void neverCutsOffAClientThatKeepsUnderTheRate() throws InterruptedException {
		RawStompSocket socket = connected();
		// About three frames a second for five seconds: more frames than the burst, so
		// only the refill lets them all through.
		for (int i = 1; i <= 2 * BURST; i++) {
			socket.send("SEND\ndestination:/topic/steady\nreceipt:r" + i + "\n\n" + i + "\0");
			assertThat(socket.awaitFrame().getReceiptId()).isEqualTo("r" + i);
			assertThat(socket.pollAny(Duration.ofMillis(300))).as("nothing, least of all an ERROR").isNull();
		}
		this.bystander.assertStillReceives();
	}

	@Test
	void refusesAFloodOfDisconnectFrames() {
		RawStompSocket socket = open();
		// A 64 KiB message holds thousands of these; Spring's broker would act on each.
		StringBuilder frames = new StringBuilder("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0");
		for (int i = 2; i <= 10 * BURST; i++) {
			frames.append("DISCONNECT\nreceipt:d" + i + "\n\n\0");
		}
		socket.send(frames.toString());
		assertThat(Refusals.assertRefused(socket, "rate_limited").getReceiptId()).isEqualTo("d" + (BURST + 1));
		this.bystander.assertStillReceives();
	}

	@Test
	void letsADisconnectWithinTheBurstThrough() {
		RawStompSocket socket = open();
		StringBuilder frames = new StringBuilder("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0");
		for (int i = 2; i <= BURST; i++) {
			frames.append("SEND\ndestination:/topic/steady\n\n" + i + "\0");
		}
		frames.append("DISCONNECT\nreceipt:bye\n\n\0");
		socket.send(frames.toString());
		StompHeaderAccessor frame = socket.awaitFrame();
		while (!"bye".equals(frame.getReceiptId())) {
			assertThat(String.valueOf(frame.getCommand())).isNotEqualTo("ERROR");
			frame = socket.awaitFrame();
		}
	}

}
