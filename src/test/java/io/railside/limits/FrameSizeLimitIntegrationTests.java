package io.railside.limits;

import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frame size limit (64 KB) for frames that arrive in parts, as stomp.js sends large
 * frames: the parts add up to the limit and pass, or one byte past it and the session
 * ends with {@code frame.too_large}. Whole frames are covered by
 * {@code StompBadInputIntegrationTests}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "railside.http.port=0")
@Timeout(60)
class FrameSizeLimitIntegrationTests extends LimitTestSupport {

	private static final int LIMIT = 64 * 1024;

	private static final String HEAD = "SEND\ndestination:" + Bystander.TOPIC + "\n\n";

	@Test
	void acceptsAFrameOfExactlyTheLimitInSeveralMessages() {
		RawStompSocket socket = connected();
		String body = "x".repeat(LIMIT - HEAD.length() - 1);
		sendInThreeMessages(socket, HEAD + body + "\0");
		assertThat(this.bystander.session().awaitFrame().body()).isEqualTo(body);
		this.bystander.assertStillReceives();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void refusesAFrameOneByteOverTheLimitInSeveralMessages(CapturedOutput output) {
		RawStompSocket socket = connected();
		sendInThreeMessages(socket, HEAD + "x".repeat(LIMIT - HEAD.length()) + "\0");
		Refusals.assertRefused(socket, "frame.too_large");
		Refusals.assertLoggedOnce(output, "frame.too_large");
		this.bystander.assertStillReceives();
	}

	@Test
	void refusesPartsThatPassTheLimitBeforeTheFrameEnds() {
		RawStompSocket socket = connected();
		socket.send(HEAD + "x".repeat(LIMIT / 2));
		socket.send("x".repeat(LIMIT / 2));
		Refusals.assertRefused(socket, "frame.too_large");
		this.bystander.assertStillReceives();
	}

	@Test
	void joinsAFrameSplitInsideItsCommandAndHeaders() {
		RawStompSocket socket = connected();
		socket.send("SE");
		socket.send("ND\ndestin");
		socket.send("ation:" + Bystander.TOPIC + "\ncontent-le");
		socket.send("ngth:5\n\nhel");
		socket.send("lo\0");
		assertThat(this.bystander.session().awaitFrame().body()).isEqualTo("hello");
	}

	@Test
	void acceptsAFrameOfExactlyTheLimitInWebSocketFragments() {
		ControlledStompSocket socket = controlled();
		String body = "y".repeat(LIMIT - HEAD.length() - 1);
		socket.sendPart(HEAD, false);
		socket.sendPart(body.substring(0, body.length() / 2), false);
		socket.sendPart(body.substring(body.length() / 2) + "\0", true);
		assertThat(this.bystander.session().awaitFrame().body()).isEqualTo(body);
	}

	@Test
	void refusesAFrameOneByteOverTheLimitInWebSocketFragments() {
		ControlledStompSocket socket = controlled();
		String body = "y".repeat(LIMIT - HEAD.length());
		socket.sendPart(HEAD, false);
		socket.sendPart(body.substring(0, body.length() / 2), false);
		socket.sendPart(body.substring(body.length() / 2) + "\0", true);
		ControlledStompSocket.Received error = socket.awaitFrame();
		assertThat(error.command()).isEqualTo("ERROR");
		assertThat(error.frame().getMessage()).isEqualTo("frame.too_large");
		assertThat(socket.awaitClose()).isEqualTo(1002);
		this.bystander.assertStillReceives();
	}

	private static void sendInThreeMessages(RawStompSocket socket, String frame) {
		int third = frame.length() / 3;
		socket.send(frame.substring(0, third));
		socket.send(frame.substring(third, 2 * third));
		socket.send(frame.substring(2 * third));
	}

}
