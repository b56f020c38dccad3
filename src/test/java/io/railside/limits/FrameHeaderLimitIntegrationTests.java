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
 * The header limits end to end, with at most eight headers of at most 256 characters
 * (name and value): a frame at each limit passes, one past it ends the session with
 * {@code bad_frame}, and a bystander keeps receiving.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.limits.subscriptions=3", "railside.limits.headers-per-frame=8",
				"railside.limits.header-length=256" })
@Timeout(60)
class FrameHeaderLimitIntegrationTests extends LimitTestSupport {

	private static final int MAX_HEADERS = 8;

	private static final int MAX_LENGTH = 256;

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void acceptsExactlyTheMostHeadersAndRefusesOneMore(CapturedOutput output) {
		RawStompSocket socket = connected();
		// destination and receipt are headers too
		socket.send(send("r1", extraHeaders(MAX_HEADERS - 2)));
		assertThat(socket.awaitFrame().getReceiptId()).isEqualTo("r1");
		socket.send(send("r2", extraHeaders(MAX_HEADERS - 1)));
		assertThat(Refusals.assertRefused(socket, "bad_frame").getReceiptId()).isEqualTo("r2");
		Refusals.assertLoggedOnce(output, "bad_frame");
		this.bystander.assertStillReceives();
	}

	@Test
	void countsARepeatedHeaderEachTime() {
		RawStompSocket socket = connected();
		socket.send(send("r1", "x-same:1\n".repeat(MAX_HEADERS - 1)));
		Refusals.assertRefused(socket, "bad_frame");
		this.bystander.assertStillReceives();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void acceptsAHeaderOfExactlyTheLongestLengthAndRefusesOneLonger(CapturedOutput output) {
		RawStompSocket socket = connected();
		String name = "x-pad";
		socket.send(send("r1", name + ":" + "v".repeat(MAX_LENGTH - name.length()) + "\n"));
		assertThat(socket.awaitFrame().getReceiptId()).isEqualTo("r1");
		socket.send(send("r2", name + ":" + "v".repeat(MAX_LENGTH - name.length() + 1) + "\n"));
		assertThat(Refusals.assertRefused(socket, "bad_frame").getReceiptId()).isEqualTo("r2");
		Refusals.assertLoggedOnce(output, "bad_frame");
		this.bystander.assertStillReceives();
	}

	@Test
	void measuresHeaderValuesAfterUnescaping() {
		RawStompSocket socket = connected();
		String name = "x-pad";
		// Each \c on the wire is one ':' in the value.
		String value = "\\c".repeat(MAX_LENGTH - name.length());
		socket.send(send("r1", name + ":" + value + "\n"));
		assertThat(socket.awaitFrame().getReceiptId()).isEqualTo("r1");
	}

	@Test
	void countsTheHeadersOfDisconnect() {
		RawStompSocket socket = connected();
		socket.send("DISCONNECT\nreceipt:bye\n" + extraHeaders(MAX_HEADERS) + "\n\0");
		assertThat(Refusals.assertRefused(socket, "bad_frame").getReceiptId()).isEqualTo("bye");
		this.bystander.assertStillReceives();
	}

	@Test
	void refusesAnOverLongHeaderOnConnect() {
		RawStompSocket socket = open();
		socket.send("CONNECT\naccept-version:1.2\nhost:" + "h".repeat(MAX_LENGTH) + "\n\n\0");
		Refusals.assertRefused(socket, "bad_frame");
		this.bystander.assertStillReceives();
	}

	private static String send(String receipt, String headers) {
		return "SEND\ndestination:/topic/limits\nreceipt:" + receipt + "\n" + headers + "\nbody\0";
	}

	private static String extraHeaders(int count) {
		StringBuilder headers = new StringBuilder();
		for (int i = 0; i < count; i++) {
			headers.append("x-h").append(i).append(':').append(i).append('\n');
		}
		return headers.toString();
	}

}
