package io.railside.bench.load;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResumingSubscriberTests {

	@Test
	void keepsThePositionOfTheLastProbe() {
		ResumingSubscriber subscriber = new ResumingSubscriber(7, 3);

		deliver(subscriber, "ab12", 40, new Payload(0, 1, 0));
		deliver(subscriber, "ab12", 41, new Payload(0, 2, 0));

		assertThat(subscriber.hasPosition()).isTrue();
		assertThat(subscriber.hasProbe(2)).isTrue();
		assertThat(subscriber.hasProbe(1)).isFalse();
	}

	@Test
	void countsEachMissedMessageOnceAndSaysWhenAllArrived() {
		ResumingSubscriber subscriber = new ResumingSubscriber(7, 3);

		deliver(subscriber, "ab12", 50, new Payload(7, 0, 0));
		deliver(subscriber, "ab12", 51, new Payload(7, 1, 0));
		assertThat(subscriber.doneNanos()).isZero();
		deliver(subscriber, "ab12", 52, new Payload(7, 2, 0));

		assertThat(subscriber.received()).isEqualTo(3);
		assertThat(subscriber.doneNanos()).isPositive();
		assertThat(subscriber.duplicates()).isZero();
		assertThat(subscriber.outOfOrder()).isZero();
	}

	@Test
	void countsDuplicatesAndMessagesOutOfOrder() {
		ResumingSubscriber subscriber = new ResumingSubscriber(7, 3);

		deliver(subscriber, "ab12", 50, new Payload(7, 1, 0));
		deliver(subscriber, "ab12", 51, new Payload(7, 0, 0));
		deliver(subscriber, "ab12", 52, new Payload(7, 0, 0));

		assertThat(subscriber.received()).isEqualTo(2);
		assertThat(subscriber.duplicates()).isEqualTo(1);
		assertThat(subscriber.outOfOrder()).isEqualTo(2);
		assertThat(subscriber.doneNanos()).isZero();
	}

	@Test
	void ignoresOtherRunsAndALaterProbeDoesNotCount() {
		ResumingSubscriber subscriber = new ResumingSubscriber(7, 1);

		deliver(subscriber, "ab12", 50, new Payload(6, 0, 0));
		deliver(subscriber, "ab12", 51, new Payload(7, 5, 0));

		assertThat(subscriber.received()).isZero();
		assertThat(subscriber.hasPosition()).isFalse();
	}

	@Test
	void aResumeNeedsASessionAndAPosition() {
		ResumingSubscriber subscriber = new ResumingSubscriber(7, 1);

		assertThat(subscriber.resume("/topic/t", "r")).isFalse();
		assertThat(subscriber.settled()).isTrue();
	}

	private static void deliver(ResumingSubscriber subscriber, String epoch, long offset, Payload payload) {
		String head = "MESSAGE\nsubscription:0\nrailside-epoch:" + epoch + "\nrailside-offset:" + offset + "\n\n";
		ByteBuf frame = Unpooled.buffer();
		frame.writeCharSequence(head, StandardCharsets.UTF_8);
		payload.writeTo(frame);
		subscriber.onMessage(frame, 0, head.length(), frame.writerIndex());
		frame.release();
	}

}
