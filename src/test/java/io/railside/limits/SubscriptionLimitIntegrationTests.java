package io.railside.limits;

import java.time.Duration;

import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The subscription limit end to end, with a limit of three: exactly three subscriptions
 * pass, the fourth ends the session with {@code limit.subscriptions}, a subscription id
 * already in use ends it with {@code bad_frame}, and a bystander keeps receiving.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.limits.subscriptions=3", "railside.limits.headers-per-frame=8",
				"railside.limits.header-length=256" })
@Timeout(60)
class SubscriptionLimitIntegrationTests extends LimitTestSupport {

	@Autowired
	private SimpleBrokerMessageHandler broker;

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void acceptsExactlyTheLimitAndRefusesOneMore(CapturedOutput output) {
		RawStompSocket socket = connected();
		subscribe(socket, "s1", "s2", "s3");
		socket.send(subscribeFrame("s4", "r-s4"));
		assertThat(Refusals.assertRefused(socket, "limit.subscriptions").getReceiptId()).isEqualTo("r-s4");
		Refusals.assertLoggedOnce(output, "limit.subscriptions");
		this.bystander.assertStillReceives();
	}

	@Test
	void givesAPlaceBackOnUnsubscribe() {
		RawStompSocket socket = connected();
		subscribe(socket, "s1", "s2", "s3");
		socket.send("UNSUBSCRIBE\nid:s2\nreceipt:r-u2\n\n\0");
		assertThat(socket.awaitFrame().getReceiptId()).isEqualTo("r-u2");
		subscribe(socket, "s4");
		socket.send(subscribeFrame("s5", "r-s5"));
		assertThat(Refusals.assertRefused(socket, "limit.subscriptions").getReceiptId()).isEqualTo("r-s5");
		this.bystander.assertStillReceives();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void refusesASubscriptionIdAlreadyInUse(CapturedOutput output) {
		// Once the broker has looked up the subscribers of a topic, Spring's registry
		// would add a second SUBSCRIBE of an id in use to that topic's subscribers, and
		// never take it out again, not even when the session ends.
		RawStompSocket watcher = connected();
		watcher.send("SUBSCRIBE\nid:w\ndestination:/topic/limits.cached\nreceipt:r-w\n\n\0");
		assertThat(watcher.awaitFrame().getReceiptId()).isEqualTo("r-w");
		this.bystander.session().send("/topic/limits.cached", "looked up");
		assertThat(RawStompSocket.body(watcher.awaitFrame())).isEqualTo("looked up");
		RawStompSocket socket = connected();
		subscribe(socket, "s1");
		socket.send("SUBSCRIBE\nid:s1\ndestination:/topic/limits.cached\nreceipt:again\n\n\0");
		StompHeaderAccessor error = Refusals.assertRefused(socket, "bad_frame");
		assertThat(error.getReceiptId()).isEqualTo("again");
		assertThat(RawStompSocket.body(error)).isEqualTo("That subscription id is already in use on this connection.");
		Refusals.assertLoggedOnce(output, "bad_frame");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(subscribers("/topic/limits.cached")).as("the watcher alone").hasSize(1));
		this.bystander.session().send("/topic/limits.cached", "still one copy");
		assertThat(RawStompSocket.body(watcher.awaitFrame())).isEqualTo("still one copy");
		this.bystander.assertStillReceives();
	}

	@Test
	void letsAnIdBeUsedAgainOnceUnsubscribed() {
		RawStompSocket socket = connected();
		subscribe(socket, "s1");
		socket.send("UNSUBSCRIBE\nid:s1\nreceipt:r-u1\n\n\0");
		assertThat(socket.awaitFrame().getReceiptId()).isEqualTo("r-u1");
		socket.send("SUBSCRIBE\nid:s1\ndestination:/topic/limits.again\nreceipt:r-again\n\n\0");
		assertThat(socket.awaitFrame().getReceiptId()).isEqualTo("r-again");
		this.bystander.session().send("/topic/limits.again", "hello");
		StompHeaderAccessor message = socket.awaitFrame();
		assertThat(message.getSubscriptionId()).isEqualTo("s1");
		assertThat(RawStompSocket.body(message)).isEqualTo("hello");
	}

	@Test
	void countsEachSessionOnItsOwn() {
		RawStompSocket first = connected();
		RawStompSocket second = connected();
		subscribe(first, "s1", "s2", "s3");
		subscribe(second, "s1", "s2", "s3");
		second.send("UNSUBSCRIBE\nid:s1\nreceipt:r-u1\n\n\0");
		assertThat(second.awaitFrame().getReceiptId()).isEqualTo("r-u1");
		first.send(subscribeFrame("s4", "r-s4"));
		Refusals.assertRefused(first, "limit.subscriptions");
		subscribe(second, "s4");
	}

	private MultiValueMap<String, String> subscribers(String destination) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setDestination(destination);
		return this.broker.getSubscriptionRegistry()
			.findSubscriptions(MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders()));
	}

	private void subscribe(RawStompSocket socket, String... ids) {
		for (String id : ids) {
			String receipt = "r-" + id + "-" + System.nanoTime();
			socket.send(subscribeFrame(id, receipt));
			assertThat(socket.awaitFrame().getReceiptId()).as("RECEIPT for SUBSCRIBE %s", id).isEqualTo(receipt);
		}
	}

	private static String subscribeFrame(String id, String receipt) {
		return "SUBSCRIBE\nid:" + id + "\ndestination:/topic/limits." + id + "\nreceipt:" + receipt + "\n\n\0";
	}

}
