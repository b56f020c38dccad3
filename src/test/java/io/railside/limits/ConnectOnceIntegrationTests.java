package io.railside.limits;

import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One CONNECT per session: a second CONNECT (or STOMP) frame ends the session with
 * {@code bad_frame}, and a bystander keeps receiving.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "railside.http.port=0")
@Timeout(60)
class ConnectOnceIntegrationTests extends LimitTestSupport {

	@ParameterizedTest
	@ValueSource(strings = { "CONNECT", "STOMP" })
	@ExtendWith(OutputCaptureExtension.class)
	void refusesASecondConnect(String command, CapturedOutput output) {
		RawStompSocket socket = connected();
		socket.send(command + "\naccept-version:1.2\nhost:localhost\nreceipt:again\n\n\0");
		assertThat(Refusals.assertRefused(socket, "bad_frame").getReceiptId()).isEqualTo("again");
		Refusals.assertLoggedOnce(output, "bad_frame");
		this.bystander.assertStillReceives();
	}

}
