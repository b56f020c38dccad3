package io.railside.stomp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The STOMP protocol as raw frames show it: versions 1.0 to 1.2, heart-beat negotiation,
 * heart-beats on the wire, and dead peers found. The server's heart-beat interval is set
 * short here so the test sees it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.stomp.heartbeat-send=300ms",
				"railside.stomp.heartbeat-receive=300ms" })
@Timeout(60)
class StompProtocolIntegrationTests {

	@Value("${local.http.port}")
	private int httpPort;

	private final List<RawStompSocket> sockets = new ArrayList<>();

	@AfterEach
	void closeAll() {
		this.sockets.forEach(RawStompSocket::abort);
	}

	@ParameterizedTest
	@CsvSource({ "v10.stomp, 1.0, 1.0", "v11.stomp, 1.1, 1.1", "v12.stomp, 1.2, 1.2", "v12.stomp, '1.0,1.1,1.2', 1.2" })
	void speaksEachStompVersion(String subprotocol, String acceptVersion, String expectedVersion) {
		RawStompSocket socket = open(subprotocol);
		assertThat(socket.subprotocol()).isEqualTo(subprotocol);
		socket.send("CONNECT\naccept-version:" + acceptVersion + "\nhost:localhost\n\n\0");
		StompHeaderAccessor connected = socket.awaitFrame();
		assertThat(String.valueOf(connected.getCommand())).isEqualTo("CONNECTED");
		if (!"1.0".equals(expectedVersion)) {
			assertThat(connected.getFirstNativeHeader("version")).isEqualTo(expectedVersion);
		}
		socket.send("SUBSCRIBE\nid:s1\ndestination:/topic/versions\nreceipt:r1\n\n\0");
		assertThat(socket.awaitFrame().getReceiptId()).isEqualTo("r1");
		socket.send("SEND\ndestination:/topic/versions\n\nspoken in " + acceptVersion + "\0");
		StompHeaderAccessor message = socket.awaitFrame();
		assertThat(String.valueOf(message.getCommand())).isEqualTo("MESSAGE");
		assertThat(message.getSubscriptionId()).isEqualTo("s1");
		assertThat(RawStompSocket.body(message)).isEqualTo("spoken in " + acceptVersion);
	}

	@Test
	void neitherSendsNorExpectsHeartBeatsWhenTheClientWantsNone() throws InterruptedException {
		RawStompSocket socket = open("v12.stomp");
		socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0");
		assertThat(String.valueOf(socket.awaitFrame().getCommand())).isEqualTo("CONNECTED");
		assertThat(socket.pollAny(Duration.ofMillis(1500))).as("nothing at all, not even a heart-beat").isNull();
		socket.send("SUBSCRIBE\nid:s1\ndestination:/topic/quiet\nreceipt:r1\n\n\0");
		assertThat(socket.awaitFrame().getReceiptId()).isEqualTo("r1");
	}

	@Test
	void negotiatesHeartBeatsAsStompSays() {
		// The client can send every 1000 ms and wants one every 100 ms: the server offers
		// its own intervals; each side then uses the larger of the two.
		StompHeaderAccessor connected = connect("1000,100");
		assertThat(connected.getFirstNativeHeader("heart-beat")).isEqualTo("300,300");
	}

	@Test
	void sendsHeartBeatsToAQuietClient() {
		RawStompSocket socket = open("v12.stomp");
		socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,300\n\n\0");
		assertThat(String.valueOf(socket.awaitFrame().getCommand())).isEqualTo("CONNECTED");
		assertThat(socket.awaitHeartbeat().isHeartbeat()).isTrue();
		assertThat(socket.awaitHeartbeat().isHeartbeat()).isTrue();
	}

	@Test
	void closesAPeerThatStopsSendingHeartBeats() {
		RawStompSocket socket = open("v12.stomp");
		socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:300,0\n\n\0");
		assertThat(String.valueOf(socket.awaitFrame().getCommand())).isEqualTo("CONNECTED");
		long start = System.nanoTime();
		socket.awaitClose();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(RawStompSocket.TIMEOUT);
	}

	private StompHeaderAccessor connect(String heartBeat) {
		RawStompSocket socket = open("v12.stomp");
		socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:" + heartBeat + "\n\n\0");
		StompHeaderAccessor connected = socket.awaitFrame();
		assertThat(String.valueOf(connected.getCommand())).isEqualTo("CONNECTED");
		return connected;
	}

	private RawStompSocket open(String subprotocol) {
		RawStompSocket socket = RawStompSocket.open("ws://localhost:" + this.httpPort + "/stomp", subprotocol);
		this.sockets.add(socket);
		return socket;
	}

}
