package io.railside.history;

import java.util.ArrayList;
import java.util.List;

import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code railside.history.enabled=false} messages carry no position, and a resume is
 * answered {@code not_supported}, never an ERROR, while the subscription still follows
 * the live messages: one client works whether history is on or off.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.history.enabled=false" })
@Timeout(60)
class ResumeWithoutHistoryIntegrationTests {

	@Value("${local.http.port}")
	private int httpPort;

	private final List<RawStompSocket> sockets = new ArrayList<>();

	@AfterEach
	void closeAll() {
		this.sockets.forEach(RawStompSocket::abort);
	}

	@Test
	void answersNotSupportedAndStillSubscribes() {
		RawStompSocket subscriber = connected();
		StompHeaderAccessor receipt = ResumeFrames.resume(subscriber, "/topic/nohistory",
				new Position("0123456789abcdef", 7));
		assertThat(receipt.getFirstNativeHeader(Resume.RECOVERED_HEADER)).isEqualTo("false");
		assertThat(receipt.getFirstNativeHeader(Resume.REASON_HEADER)).isEqualTo("not_supported");
		RawStompSocket publisher = connected();
		publisher.send("SEND\ndestination:/topic/nohistory\ncontent-type:text/plain\n\nlive\0");
		StompHeaderAccessor live = ResumeFrames.awaitMessage(subscriber);
		assertThat(RawStompSocket.body(live)).isEqualTo("live");
		assertThat(live.toNativeHeaderMap()).doesNotContainKeys(Position.EPOCH_HEADER, Position.OFFSET_HEADER);
	}

	private RawStompSocket connected() {
		RawStompSocket socket = RawStompSocket.connected("ws://localhost:" + this.httpPort + "/stomp");
		this.sockets.add(socket);
		return socket;
	}

}
