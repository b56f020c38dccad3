package io.railside.bench.load;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts one measured run's deliveries: latency of each from its intended send time, the
 * time until the last expected subscriber has each message, and loss and duplicates
 * exactly. Subscribers call {@link #deliver} from their event loops.
 */
public final class DeliveryTracker {

	private final long run;

	private final int recipients;

	private final AtomicIntegerArray arrivals;

	private final BitSet[] seen;

	private final Recorder latency = new Recorder(3);

	private final Recorder lastSubscriber = new Recorder(3);

	private final LongAdder delivered = new LongAdder();

	private final LongAdder duplicates = new LongAdder();

	private volatile long lastDeliveryNanos;

	/**
	 * Tracks a run.
	 * @param run the run's number, in every payload
	 * @param messages how many messages the run may send
	 * @param recipients how many subscribers get each message
	 * @param subscribers how many subscribers there are
	 */
	public DeliveryTracker(long run, int messages, int recipients, int subscribers) {
		this.run = run;
		this.recipients = recipients;
		this.arrivals = new AtomicIntegerArray(messages);
		// One recipient per message: a second arrival is a duplicate, no per-subscriber
		// set needed.
		this.seen = new BitSet[(recipients > 1) ? subscribers : 0];
		for (int i = 0; i < this.seen.length; i++) {
			this.seen[i] = new BitSet(messages);
		}
	}

	public long run() {
		return this.run;
	}

	/**
	 * Counts one arrival; called on the subscriber's own event loop only.
	 * @param subscriber the subscriber's index
	 * @param payload the message's payload
	 * @param nowNanos the arrival time
	 */
	public void deliver(int subscriber, Payload payload, long nowNanos) {
		int seq = (int) payload.seq();
		if (payload.run() != this.run || seq < 0 || seq >= this.arrivals.length()) {
			return;
		}
		if (this.seen.length > 0 && !firstTime(this.seen[subscriber], seq)) {
			this.duplicates.increment();
			return;
		}
		int arrivals = this.arrivals.incrementAndGet(seq);
		if (arrivals > this.recipients) {
			this.duplicates.increment();
			return;
		}
		long micros = Math.max(0, nowNanos - payload.intendedNanos()) / 1000;
		this.latency.recordValue(micros);
		this.delivered.increment();
		this.lastDeliveryNanos = nowNanos;
		if (arrivals == this.recipients) {
			this.lastSubscriber.recordValue(micros);
		}
	}

	private static boolean firstTime(BitSet seen, int seq) {
		if (seen.get(seq)) {
			return false;
		}
		seen.set(seq);
		return true;
	}

	public long delivered() {
		return this.delivered.sum();
	}

	public long duplicates() {
		return this.duplicates.sum();
	}

	public long lastDeliveryNanos() {
		return this.lastDeliveryNanos;
	}

	/**
	 * The latency of every delivery so far; a second call answers only what came after
	 * the first.
	 * @return the histogram, microseconds
	 */
	public Histogram latency() {
		return this.latency.getIntervalHistogram();
	}

	public Histogram lastSubscriber() {
		return this.lastSubscriber.getIntervalHistogram();
	}

}
