package io.railside.history;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resumes over a plain WebSocket: every message carries its position, a client that
 * dropped its connection without a DISCONNECT gets what was published while it was away,
 * exactly once and in order, and each way a resume cannot recover is answered on the
 * RECEIPT while the subscription still follows the live messages.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.history.size=5" })
@Timeout(60)
class ResumeIntegrationTests {

	@Value("${local.http.port}")
	private int httpPort;

	@Autowired
	private MeterRegistry meters;

	private final List<RawStompSocket> sockets = new ArrayList<>();

	@AfterEach
	void closeAll() {
		this.sockets.forEach(RawStompSocket::abort);
	}

	@Test
	void resumesAfterAnAbruptDropWithEveryMissedMessageOnceAndInOrder() {
		RawStompSocket publisher = connected();
		RawStompSocket subscriber = connected();
		subscribed(subscriber, "/topic/resume.drop");
		publish(publisher, "/topic/resume.drop", "one");
		StompHeaderAccessor first = subscriber.awaitFrame();
		assertThat(RawStompSocket.body(first)).isEqualTo("one");
		String epoch = first.getFirstNativeHeader(Position.EPOCH_HEADER);
		long offset = Long.parseLong(first.getFirstNativeHeader(Position.OFFSET_HEADER));
		subscriber.abort();
		publish(publisher, "/topic/resume.drop", "two");
		publish(publisher, "/topic/resume.drop", "three");
		RawStompSocket back = connected();
		subscribe(back, "/topic/resume.drop", "0",
				"receipt:r1\nrailside-epoch:" + epoch + "\nrailside-offset:" + offset + "\n");
		StompHeaderAccessor receipt = back.awaitFrame();
		assertThat(receipt.getCommand().name()).isEqualTo("RECEIPT");
		assertThat(receipt.getFirstNativeHeader(Resume.RECOVERED_HEADER)).isEqualTo("true");
		assertThat(receipt.getFirstNativeHeader(Position.EPOCH_HEADER)).isEqualTo(epoch);
		publish(publisher, "/topic/resume.drop", "four");
		List<String> bodies = new ArrayList<>();
		List<Long> offsets = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			StompHeaderAccessor message = back.awaitFrame();
			bodies.add(RawStompSocket.body(message));
			offsets.add(Long.parseLong(message.getFirstNativeHeader(Position.OFFSET_HEADER)));
		}
		assertThat(bodies).containsExactly("two", "three", "four");
		assertThat(offsets).isSorted().doesNotHaveDuplicates().allSatisfy((o) -> assertThat(o).isGreaterThan(offset));
		assertThat(this.meters.get("railside.history.resumes").tag("outcome", "recovered").functionCounter().count())
			.isPositive();
		assertThat(this.meters.get("railside.history.replayed").functionCounter().count()).isGreaterThanOrEqualTo(2);
		assertThat(this.meters.get("railside.history.messages").gauge().value()).isPositive();
	}

	@Test
	void givesBinaryMessagesPositionsAndReplaysThem() {
		RawStompSocket publisher = connected();
		RawStompSocket subscriber = connected();
		subscribed(subscriber, "/topic/resume.binary");
		publishBinary(publisher, "/topic/resume.binary", "\u0001first");
		StompHeaderAccessor first = subscriber.awaitFrame();
		assertThat(first.getFirstNativeHeader(Position.OFFSET_HEADER)).isNotNull();
		subscriber.abort();
		publishBinary(publisher, "/topic/resume.binary", "\u0002missed");
		RawStompSocket back = connected();
		subscribe(back, "/topic/resume.binary", "0",
				"receipt:r\nrailside-epoch:" + first.getFirstNativeHeader(Position.EPOCH_HEADER) + "\nrailside-offset:"
						+ first.getFirstNativeHeader(Position.OFFSET_HEADER) + "\n");
		assertThat(back.awaitFrame().getFirstNativeHeader(Resume.RECOVERED_HEADER)).isEqualTo("true");
		StompHeaderAccessor missed = back.awaitFrame();
		assertThat(RawStompSocket.body(missed)).isEqualTo("\u0002missed");
		assertThat(missed.getContentType()).hasToString("application/octet-stream");
		assertThat(Long.parseLong(missed.getFirstNativeHeader(Position.OFFSET_HEADER)))
			.isGreaterThan(Long.parseLong(first.getFirstNativeHeader(Position.OFFSET_HEADER)));
	}

	@Test
	void answersTooOldWhenMessagesAfterThePositionWereDropped() {
		RawStompSocket publisher = connected();
		RawStompSocket subscriber = connected();
		subscribed(subscriber, "/topic/resume.old");
		publish(publisher, "/topic/resume.old", "first");
		StompHeaderAccessor first = subscriber.awaitFrame();
		for (int i = 0; i < 6; i++) {
			publish(publisher, "/topic/resume.old", "m" + i);
		}
		StompHeaderAccessor receipt = resume(first.getFirstNativeHeader(Position.EPOCH_HEADER),
				first.getFirstNativeHeader(Position.OFFSET_HEADER), "/topic/resume.old");
		assertThat(receipt.getFirstNativeHeader(Resume.RECOVERED_HEADER)).isEqualTo("false");
		assertThat(receipt.getFirstNativeHeader(Resume.REASON_HEADER)).isEqualTo("too_old");
	}

	@Test
	void answersEpochForAPositionOfAnotherHistory() {
		StompHeaderAccessor receipt = resume("0123456789abcdef", "3", "/topic/resume.epoch");
		assertThat(receipt.getFirstNativeHeader(Resume.RECOVERED_HEADER)).isEqualTo("false");
		assertThat(receipt.getFirstNativeHeader(Resume.REASON_HEADER)).isEqualTo("epoch");
		assertThat(receipt.getFirstNativeHeader(Position.EPOCH_HEADER)).isNotEqualTo("0123456789abcdef");
	}

	@Test
	void answersNotSupportedForUserQueues() {
		StompHeaderAccessor receipt = resume("e", "1", "/user/queue/resume");
		assertThat(receipt.getFirstNativeHeader(Resume.RECOVERED_HEADER)).isEqualTo("false");
		assertThat(receipt.getFirstNativeHeader(Resume.REASON_HEADER)).isEqualTo("not_supported");
	}

	@Test
	void refusesAResumeWithoutAReceipt() {
		RawStompSocket socket = connected();
		subscribe(socket, "/topic/resume.bad", "0", "railside-epoch:e\nrailside-offset:1\n");
		StompHeaderAccessor error = socket.awaitFrame();
		assertThat(error.getCommand().name()).isEqualTo("ERROR");
		assertThat(error.getMessage()).isEqualTo("bad_frame");
	}

	private StompHeaderAccessor resume(String epoch, String offset, String destination) {
		RawStompSocket socket = connected();
		subscribe(socket, destination, "0",
				"receipt:r\nrailside-epoch:" + epoch + "\nrailside-offset:" + offset + "\n");
		StompHeaderAccessor receipt = socket.awaitFrame();
		assertThat(receipt.getCommand().name()).isEqualTo("RECEIPT");
		return receipt;
	}

	private RawStompSocket connected() {
		RawStompSocket socket = RawStompSocket.connected("ws://localhost:" + this.httpPort + "/stomp");
		this.sockets.add(socket);
		return socket;
	}

	/**
	 * Subscribe and wait for the subscription to be in place, so that what is published
	 * next reaches it.
	 */
	private static void subscribed(RawStompSocket socket, String destination) {
		subscribe(socket, destination, "0", "receipt:s\n");
		assertThat(socket.awaitFrame().getCommand().name()).isEqualTo("RECEIPT");
	}

	private static void subscribe(RawStompSocket socket, String destination, String id, String headers) {
		socket.send("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n" + headers + "\n\0");
	}

	private static void publishBinary(RawStompSocket socket, String destination, String body) {
		socket.send("SEND\ndestination:" + destination + "\ncontent-type:application/octet-stream\ncontent-length:"
				+ body.length() + "\nreceipt:p\n\n" + body + "\0");
		assertThat(socket.awaitFrame().getCommand().name()).isEqualTo("RECEIPT");
	}

	private static void publish(RawStompSocket socket, String destination, String body) {
		socket.send("SEND\ndestination:" + destination + "\ncontent-type:text/plain\nreceipt:p\n\n" + body + "\0");
		assertThat(socket.awaitFrame().getCommand().name()).isEqualTo("RECEIPT");
	}

}
