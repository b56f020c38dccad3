package io.railside.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A refused session leaves nothing behind in the broker, whether it ends by a refusal, by
 * a rate limit on its own DISCONNECT, or by a plain close after a refusal. The frame
 * rules drop every frame of a refused session, DISCONNECT included; the broker gets it
 * all the same from Spring's {@code AbstractBrokerMessageHandler}, whose
 * {@code UnsentDisconnectChannelInterceptor} hands it any DISCONNECT an interceptor did
 * not let through. This pins that behaviour: without it, refused sessions would keep
 * their subscriptions.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.limits.frames-per-second=1", "railside.limits.frame-burst=4" })
@Timeout(60)
class RefusedSessionCleanupIntegrationTests extends LimitTestSupport {

	@Autowired
	@Qualifier("simpleBrokerMessageHandler")
	private SimpleBrokerMessageHandler broker;

	@Test
	void aSessionEndedByARefusalLeavesNoSubscription() {
		RawStompSocket socket = subscribed("/topic/cleanup.refused");
		socket.send("SUBSCRIBE\nid:2\ndestination:/topic/no*wildcards\n\n\0");
		assertThat(socket.awaitFrame().getMessage()).isEqualTo("bad_destination");
		socket.awaitClose();
		awaitNoSubscriber("/topic/cleanup.refused");
		this.bystander.assertStillReceives();
	}

	@Test
	void aSessionWhoseDisconnectIsRateLimitedLeavesNoSubscription() {
		RawStompSocket socket = subscribed("/topic/cleanup.limited");
		// More SENDs than the burst and what a slow machine refills meanwhile (one a
		// second).
		socket.send("SEND\ndestination:/topic/cleanup.x\n\n1\0".repeat(8) + "DISCONNECT\nreceipt:bye\n\n\0");
		// The ERROR, whatever came before it (once, on CI, a frame without a message came
		// first: it is named if the ERROR never comes).
		List<String> before = new ArrayList<>();
		StompHeaderAccessor answer;
		while ((answer = socket.awaitFrame()).getCommand() != StompCommand.ERROR) {
			before.add(answer.getCommand() + " " + answer.toNativeHeaderMap());
		}
		assertThat(answer.getMessage()).as("the ERROR %s, after %s", answer.toNativeHeaderMap(), before)
			.isEqualTo("rate_limited");
		awaitNoSubscriber("/topic/cleanup.limited");
	}

	@Test
	void aSessionThatLeavesAfterARefusalLeavesNoSubscription() {
		RawStompSocket socket = subscribed("/topic/cleanup.aborted");
		socket.send("SUBSCRIBE\nid:1\ndestination:/topic/cleanup.again\n\n\0");
		assertThat(socket.awaitFrame().getMessage()).isEqualTo("bad_frame");
		socket.abort();
		awaitNoSubscriber("/topic/cleanup.aborted");
	}

	private RawStompSocket subscribed(String destination) {
		RawStompSocket socket = connected();
		socket.send("SUBSCRIBE\nid:1\ndestination:" + destination + "\nreceipt:r1\n\n\0");
		assertThat(socket.awaitFrame().getReceiptId()).isEqualTo("r1");
		assertThat(subscribers(destination)).isOne();
		return socket;
	}

	private void awaitNoSubscriber(String destination) {
		await().atMost(Duration.ofSeconds(10)).until(() -> subscribers(destination) == 0);
	}

	private int subscribers(String destination) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setDestination(destination);
		Message<byte[]> message = MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
		return this.broker.getSubscriptionRegistry().findSubscriptions(message).size();
	}

}
