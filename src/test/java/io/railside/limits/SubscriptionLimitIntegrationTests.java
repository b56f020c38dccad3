package io.railside.limits;

import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscription limit end to end, with a limit of three: exactly three subscriptions
 * pass, the fourth ends the session with {@code limit.subscriptions}, and a bystander
 * keeps receiving.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.limits.subscriptions=3", "railside.limits.headers-per-frame=8",
				"railside.limits.header-length=256" })
@Timeout(60)
class SubscriptionLimitIntegrationTests extends LimitTestSupport {

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
	void countsASubscriptionIdOnlyOnce() {
		RawStompSocket socket = connected();
		subscribe(socket, "s1", "s1", "s1", "s2", "s3");
		socket.send(subscribeFrame("s4", "r-s4"));
		assertThat(Refusals.assertRefused(socket, "limit.subscriptions").getReceiptId()).isEqualTo("r-s4");
		this.bystander.assertStillReceives();
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
