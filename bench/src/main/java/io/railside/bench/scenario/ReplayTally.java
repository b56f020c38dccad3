package io.railside.bench.scenario;

import java.util.Map;
import java.util.TreeMap;

import io.railside.bench.load.ResumingSubscriber;
import io.railside.bench.measure.Histograms;
import io.railside.bench.measure.Latency;
import io.railside.bench.report.ReplayResult;

import org.HdrHistogram.Histogram;

/**
 * Adds up what the resuming subscribers recorded, every time counted from the burst of
 * resuming SUBSCRIBEs.
 */
final class ReplayTally {

	private final long start;

	private final Map<String, Long> answers = new TreeMap<>();

	private final Map<String, Long> cutOff = new TreeMap<>();

	private final Histogram perSubscriber = Histograms.create();

	private final Histogram receipt = Histograms.create();

	private int subscribers;

	private int complete;

	private long delivered;

	private long duplicates;

	private long outOfOrder;

	private long lastDone;

	private long lastArrival;

	ReplayTally(long startNanos) {
		this.start = startNanos;
		this.lastDone = startNanos;
		this.lastArrival = startNanos;
	}

	void add(ResumingSubscriber subscriber) {
		this.subscribers++;
		String answer = subscriber.answer();
		this.answers.merge((answer != null) ? answer : "no RECEIPT", 1L, Long::sum);
		if (answer != null) {
			this.receipt.recordValue(micros(subscriber.receiptNanos()));
		}
		String cut = subscriber.cutOff();
		if (cut != null) {
			this.cutOff.merge(cut, 1L, Long::sum);
		}
		if (subscriber.doneNanos() != 0) {
			this.complete++;
			this.perSubscriber.recordValue(micros(subscriber.doneNanos()));
			this.lastDone = Math.max(this.lastDone, subscriber.doneNanos());
		}
		this.delivered += subscriber.received();
		this.duplicates += subscriber.duplicates();
		this.outOfOrder += subscriber.outOfOrder();
		this.lastArrival = Math.max(this.lastArrival, subscriber.lastArrivalNanos());
	}

	ReplayResult result(ScenarioContext context, int messages, Map<String, Long> reconnectFailures,
			double reconnectSeconds, long serverCpuMicros, long generatorCpuMicros) {
		double seconds = Math.max(1e-6, (Math.max(this.lastDone, this.lastArrival) - this.start) / 1e9);
		return new ReplayResult(this.subscribers, messages, reconnectFailures, reconnectSeconds, this.answers,
				this.complete, this.cutOff, (long) this.subscribers * messages - this.delivered, this.duplicates,
				this.outOfOrder, (this.complete == this.subscribers) ? (this.lastDone - this.start) / 1e9 : null,
				this.delivered / seconds, Latency.of(this.perSubscriber), Latency.of(this.receipt),
				context.cpuPerUnit(serverCpuMicros, this.delivered),
				(this.delivered > 0) ? (double) generatorCpuMicros / this.delivered : 0);
	}

	private long micros(long nanos) {
		return Math.max(0, (nanos - this.start) / 1000);
	}

}
