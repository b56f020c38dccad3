package io.railside.limits;

import java.util.ArrayList;
import java.util.List;

import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
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
class ConnectOnceIntegrationTests {

	@Value("${local.http.port}")
	private int httpPort;

	private Bystander bystander;

	private final List<RawStompSocket> sockets = new ArrayList<>();

	@BeforeEach
	void connectBystander() {
		this.bystander = Bystander.connect(url());
	}

	@AfterEach
	void closeAll() {
		this.bystander.close();
		this.sockets.forEach(RawStompSocket::abort);
	}

	@ParameterizedTest
	@ValueSource(strings = { "CONNECT", "STOMP" })
	@ExtendWith(OutputCaptureExtension.class)
	void refusesASecondConnect(String command, CapturedOutput output) {
		RawStompSocket socket = RawStompSocket.connected(url());
		this.sockets.add(socket);
		socket.send(command + "\naccept-version:1.2\nhost:localhost\nreceipt:again\n\n\0");
		assertThat(Refusals.assertRefused(socket, "bad_frame").getReceiptId()).isEqualTo("again");
		Refusals.assertLoggedOnce(output, "bad_frame");
		this.bystander.assertStillReceives();
	}

	private String url() {
		return "ws://localhost:" + this.httpPort + "/stomp";
	}

}
