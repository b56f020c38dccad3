package io.railside.security;

import java.util.Arrays;
import java.util.List;

import io.railside.history.History;
import io.railside.history.Position;
import io.railside.history.Resume.Outcome;
import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization applies to a resume as to any SUBSCRIBE: a position on a topic the token
 * does not allow is refused with ERROR {@code forbidden} before anything is replayed or a
 * RECEIPT sent, though the position is real and messages follow it; the broker never sees
 * it.
 */
class ResumeAuthorizationIntegrationTests extends SecuredStompTestSupport {

	private static final String TOPIC = "/topic/payroll";

	@Autowired
	private History<?> history;

	@Test
	void refusesAResumeOnATopicTheTokenDoesNotAllowAndReplaysNothing() {
		RawStompSocket insider = this.stomp.connected(TestTokens.hs256(TestTokens.claims("insider")
			.claim("subscribe", List.of("payroll"))
			.claim("publish", List.of("payroll"))));
		insider.send("SUBSCRIBE\nid:0\ndestination:" + TOPIC + "\nreceipt:subscribed\n\n\0");
		assertThat(String.valueOf(insider.awaitFrame().getCommand())).isEqualTo("RECEIPT");
		for (String body : List.of("first", "second", "third")) {
			insider.send("SEND\ndestination:" + TOPIC + "\ncontent-type:text/plain\n\n" + body + "\0");
		}
		StompHeaderAccessor first = insider.awaitFrame();
		assertThat(RawStompSocket.body(first)).isEqualTo("first");
		assertThat(RawStompSocket.body(insider.awaitFrame())).isEqualTo("second");
		assertThat(RawStompSocket.body(insider.awaitFrame())).isEqualTo("third");
		RawStompSocket outsider = this.stomp
			.connected(TestTokens.hs256(TestTokens.claims("outsider").claim("subscribe", List.of("bystander"))));
		long resumes = resumes();
		this.stomp.assertRefused(outsider,
				"SUBSCRIBE\nid:0\ndestination:" + TOPIC + "\nreceipt:resumed\n" + Position.EPOCH_HEADER + ":"
						+ first.getFirstNativeHeader(Position.EPOCH_HEADER) + "\n" + Position.OFFSET_HEADER + ":"
						+ first.getFirstNativeHeader(Position.OFFSET_HEADER) + "\n\n\0",
				"forbidden");
		assertThat(resumes()).as("resumes the broker answered").isEqualTo(resumes);
	}

	private long resumes() {
		return Arrays.stream(Outcome.values()).mapToLong(this.history::resumes).sum();
	}

}
