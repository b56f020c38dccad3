package io.railside.stomp;

import java.util.ArrayList;
import java.util.List;

import io.railside.stomp.StompTestSession.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input over raw STOMP: each case gets an ERROR frame with its stable code and one
 * plain sentence, that session is closed, and a bystander session keeps receiving.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "railside.http.port=0")
@Timeout(60)
class StompBadInputIntegrationTests {

	private static final int LIMIT = 64 * 1024;

	@Value("${local.http.port}")
	private int httpPort;

	private StompTestSession bystander;

	private final List<RawStompSocket> sockets = new ArrayList<>();

	@BeforeEach
	void connectBystander() {
		this.bystander = StompTestSession.connect(url());
		this.bystander.subscribe("/topic/bystander");
	}

	@AfterEach
	void closeAll() {
		this.bystander.disconnect();
		this.sockets.forEach(RawStompSocket::abort);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/#", "/topic/*", "/topic/**", "/topic/orders.*", "/topic/orders.#",
			"/exchange/amq.topic/orders", "/amq/queue/orders", "/temp-queue/x", "/topic/", "/topic/orders..42",
			"/topic/.orders", "/topic/orders 42", "/topic/ordérs", "orders", "/app/orders" })
	void refusesSubscribeOutsideTheRules(String destination) {
		assertRefused(connected(), "SUBSCRIBE\nid:0\ndestination:" + destination + "\n\n\0", "bad_destination");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/#", "/topic/**", "/exchange/amq.topic/orders", "/amq/queue/orders" })
	void refusesSendOutsideTheRules(String destination) {
		assertRefused(connected(), "SEND\ndestination:" + destination + "\n\nhello\0", "bad_destination");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/user/bob/queue/notices", "/queue/notices-user0a1b2c3d", "/queue/orders",
			"/user/bob/queue/notices-user0a1b2c3d" })
	void forbidsSubscribingToAnotherUsersQueue(String destination) {
		assertRefused(connected(), "SUBSCRIBE\nid:0\ndestination:" + destination + "\n\n\0", "forbidden");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/user/bob/queue/notices", "/user/queue/notices", "/queue/notices-user0a1b2c3d" })
	void forbidsClientsSendingToUserQueues(String destination) {
		assertRefused(connected(), "SEND\ndestination:" + destination + "\n\nhello\0", "forbidden");
	}

	@Test
	void refusesAnEmptyDestination() {
		assertRefused(connected(), "SUBSCRIBE\nid:0\ndestination:\n\n\0", "bad_destination");
	}

	@Test
	void refusesAMissingDestination() {
		assertRefused(connected(), "SEND\n\nhello\0", "bad_destination");
	}

	@Test
	void acceptsANameOfExactlyTheMaximumLengthAndRefusesOneLonger() {
		RawStompSocket socket = connected();
		String longest = "a".repeat(200);
		socket.send("SUBSCRIBE\nid:0\ndestination:/topic/" + longest + "\nreceipt:r1\n\n\0");
		assertThat(String.valueOf(socket.awaitFrame().getCommand())).isEqualTo("RECEIPT");
		assertRefused(socket, "SUBSCRIBE\nid:1\ndestination:/topic/" + longest + "b\n\n\0", "bad_destination");
	}

	@Test
	void refusesAFrameThatDoesNotParse() {
		assertRefused(connected(), "HELLO\nworld\n\n\0", "bad_frame");
	}

	@Test
	void refusesBinaryGarbage() {
		RawStompSocket socket = connected();
		socket.sendBinary(new byte[] { 0x01, (byte) 0xff, '\n', '\n', 0x7f, 0x00 });
		assertError(socket, "bad_frame");
	}

	@Test
	void refusesAFrameBeforeConnect() {
		RawStompSocket socket = track(RawStompSocket.open(url()));
		assertRefused(socket, "SUBSCRIBE\nid:0\ndestination:/topic/orders\n\n\0", "bad_frame");
	}

	@Test
	void acceptsAFrameOfExactlyTheLimit() {
		RawStompSocket socket = connected();
		String head = "SEND\ndestination:/topic/bystander\n\n";
		String body = "x".repeat(LIMIT - head.length() - 1);
		socket.send(head + body + "\0");
		assertThat(this.bystander.awaitFrame().body()).hasSize(body.length());
	}

	@Test
	void refusesAFrameOneByteOverTheLimit() {
		String head = "SEND\ndestination:/topic/bystander\n\n";
		String body = "x".repeat(LIMIT - head.length());
		assertRefused(connected(), head + body + "\0", "frame.too_large");
	}

	@Test
	void refusesAFrameFarOverTheLimitSentInOneMessage() {
		String head = "SEND\ndestination:/topic/bystander\n\n";
		assertRefused(connected(), head + "x".repeat(4 * LIMIT) + "\0", "frame.too_large");
	}

	@Test
	void refusesAContentLengthOverTheLimitWhenTheBodyGoesOn() {
		RawStompSocket socket = connected();
		socket.send("SEND\ndestination:/topic/bystander\ncontent-length:" + (LIMIT + 1) + "\n\nx");
		assertRefused(socket, "more of the body", "frame.too_large");
	}

	@Test
	void dropsFramesThatFollowARefusedOneInTheSameMessage() {
		RawStompSocket socket = connected();
		socket.send("SUBSCRIBE\nid:0\ndestination:/topic/#\n\n\0SEND\ndestination:/topic/bystander\n\nsneaky\0");
		assertError(socket, "bad_destination");
		this.bystander.send("/topic/bystander", "after");
		assertThat(this.bystander.awaitFrame().body()).isEqualTo("after");
	}

	@Test
	void errorFrameCarriesTheReceiptIdOfTheRefusedFrame() {
		RawStompSocket socket = connected();
		socket.send("SUBSCRIBE\nid:0\ndestination:/topic/#\nreceipt:r-77\n\n\0");
		StompHeaderAccessor error = socket.awaitFrame();
		assertThat(String.valueOf(error.getCommand())).isEqualTo("ERROR");
		assertThat(error.getFirstNativeHeader("receipt-id")).isEqualTo("r-77");
	}

	private void assertRefused(RawStompSocket socket, String frame, String code) {
		socket.send(frame);
		assertError(socket, code);
	}

	private void assertError(RawStompSocket socket, String code) {
		StompHeaderAccessor error = socket.awaitFrame();
		assertThat(String.valueOf(error.getCommand())).isEqualTo("ERROR");
		assertThat(error.getMessage()).isEqualTo(code);
		String body = RawStompSocket.body(error);
		assertThat(body).isNotBlank()
			.endsWith(".")
			.doesNotContain("Exception", "java.", "org.springframework", "\tat ", "\n");
		assertThat(socket.awaitClose()).isEqualTo(1002);
		this.bystander.send("/topic/bystander", "still here");
		Frame frame = this.bystander.awaitFrame();
		assertThat(frame.body()).isEqualTo("still here");
	}

	private RawStompSocket connected() {
		return track(RawStompSocket.connected(url()));
	}

	private RawStompSocket track(RawStompSocket socket) {
		this.sockets.add(socket);
		return socket;
	}

	private String url() {
		return "ws://localhost:" + this.httpPort + "/stomp";
	}

}
