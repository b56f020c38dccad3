package io.railside.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTrackerTests {

	private static final long MILLI = 1_000_000;

	@Test
	void countsDistinctDeliveriesDuplicatesAndTheLastSubscriber() {
		DeliveryTracker tracker = new DeliveryTracker(5, 2, 3, 3);

		tracker.deliver(0, new Payload(5, 0, 0), 1 * MILLI);
		tracker.deliver(1, new Payload(5, 0, 0), 2 * MILLI);
		tracker.deliver(1, new Payload(5, 0, 0), 2 * MILLI);
		tracker.deliver(2, new Payload(5, 0, 0), 4 * MILLI);
		tracker.deliver(0, new Payload(5, 1, 0), 1 * MILLI);

		assertThat(tracker.delivered()).isEqualTo(4);
		assertThat(tracker.duplicates()).isEqualTo(1);
		org.HdrHistogram.Histogram lastSubscriber = tracker.lastSubscriber();
		assertThat(lastSubscriber.getTotalCount()).isEqualTo(1);
		assertThat(lastSubscriber.getMaxValue()).isBetween(3_990L, 4_010L);
		assertThat(tracker.latency().getTotalCount()).isEqualTo(4);
	}

	@Test
	void ignoresOtherRunsAndProbes() {
		DeliveryTracker tracker = new DeliveryTracker(5, 2, 1, 2);

		tracker.deliver(0, new Payload(4, 0, 0), MILLI);
		tracker.deliver(0, new Payload(0, 0, 0), MILLI);
		tracker.deliver(0, new Payload(5, 9, 0), MILLI);

		assertThat(tracker.delivered()).isZero();
	}

	@Test
	void withOneRecipientASecondArrivalIsADuplicate() {
		DeliveryTracker tracker = new DeliveryTracker(1, 1, 1, 10);

		tracker.deliver(3, new Payload(1, 0, 0), MILLI);
		tracker.deliver(4, new Payload(1, 0, 0), MILLI);

		assertThat(tracker.delivered()).isEqualTo(1);
		assertThat(tracker.duplicates()).isEqualTo(1);
	}

}
