package io.railside.history;

import java.util.ArrayList;
import java.util.List;

import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-resume bounds end to end: a client whose position is followed by more messages,
 * or more bytes, than one resume replays is answered {@code too_many} with the topic's
 * position, gets nothing replayed, and still follows the live messages; at the bound it
 * recovers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.history.size=20", "railside.history.replay-messages=3",
				"railside.history.replay-bytes=8KB" })
@Timeout(60)
class ResumeBoundsIntegrationTests {

	private static final String FIVE_KB = "x".repeat(5 * 1024);

	@Value("${local.http.port}")
	private int httpPort;

	@Autowired
	private SimpMessagingTemplate broker;

	private final List<RawStompSocket> sockets = new ArrayList<>();

	@AfterEach
	void closeAll() {
		this.sockets.forEach(RawStompSocket::abort);
	}

	@Test
	void answersTooManyWhenMoreMessagesFollowThePositionThanOneResumeReplays() {
		answersTooMany("/topic/bounds.count", List.of("m1", "m2", "m3", "m4"));
	}

	@Test
	void answersTooManyWhenTheMessagesAfterThePositionTakeMoreBytesThanOneResumeReplays() {
		answersTooMany("/topic/bounds.bytes", List.of("a" + FIVE_KB, "b" + FIVE_KB));
	}

	@Test
	void recoversWhenAsManyMessagesFollowAsOneResumeReplays() {
		String topic = "/topic/bounds.exact";
		RawStompSocket watcher = subscribed(topic);
		Position first = publish(watcher, topic, List.of("m0"));
		publish(watcher, topic, List.of("m1", "m2", "m3"));
		RawStompSocket back = connected();
		StompHeaderAccessor receipt = ResumeFrames.resume(back, topic, first);
		assertThat(receipt.getFirstNativeHeader(Resume.RECOVERED_HEADER)).isEqualTo("true");
		this.broker.convertAndSend(topic, "live");
		List<String> bodies = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			bodies.add(RawStompSocket.body(ResumeFrames.awaitMessage(back)));
		}
		assertThat(bodies).containsExactly("m1", "m2", "m3", "live");
	}

	private void answersTooMany(String topic, List<String> missed) {
		RawStompSocket watcher = subscribed(topic);
		Position first = publish(watcher, topic, List.of("first"));
		Position last = publish(watcher, topic, missed);
		RawStompSocket back = connected();
		StompHeaderAccessor receipt = ResumeFrames.resume(back, topic, first);
		assertThat(receipt.getFirstNativeHeader(Resume.RECOVERED_HEADER)).isEqualTo("false");
		assertThat(receipt.getFirstNativeHeader(Resume.REASON_HEADER)).isEqualTo("too_many");
		assertThat(ResumeFrames.position(receipt)).as("the topic's position").isEqualTo(last);
		this.broker.convertAndSend(topic, "live");
		StompHeaderAccessor live = ResumeFrames.awaitMessage(back);
		assertThat(RawStompSocket.body(live)).as("the first message after the RECEIPT").isEqualTo("live");
		assertThat(ResumeFrames.position(live).offset()).isGreaterThan(last.offset());
	}

	/**
	 * Publish messages and wait until a subscriber has them all.
	 * @return the position of the last
	 */
	private Position publish(RawStompSocket watcher, String topic, List<String> bodies) {
		bodies.forEach((body) -> this.broker.convertAndSend(topic, body));
		StompHeaderAccessor message = null;
		for (String body : bodies) {
			message = ResumeFrames.awaitMessage(watcher);
			assertThat(RawStompSocket.body(message)).isEqualTo(body);
		}
		return ResumeFrames.position(message);
	}

	private RawStompSocket subscribed(String topic) {
		RawStompSocket socket = connected();
		ResumeFrames.subscribe(socket, topic);
		return socket;
	}

	private RawStompSocket connected() {
		RawStompSocket socket = RawStompSocket.connected("ws://localhost:" + this.httpPort + "/stomp");
		this.sockets.add(socket);
		return socket;
	}

}
