package io.railside.bench.measure;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution as results report it, in milliseconds, from a histogram of
 * microseconds.
 *
 * @param count how many values were recorded
 * @param p50 the median
 * @param p99 the 99th percentile
 * @param p999 the 99.9th percentile
 * @param max the largest value
 */
public record Latency(long count, double p50, double p99, double p999, double max) {

	public static final Latency NONE = new Latency(0, 0, 0, 0, 0);

	public static Latency of(Histogram micros) {
		if (micros.getTotalCount() == 0) {
			return NONE;
		}
		return new Latency(micros.getTotalCount(), millis(micros.getValueAtPercentile(50)),
				millis(micros.getValueAtPercentile(99)), millis(micros.getValueAtPercentile(99.9)),
				millis(micros.getMaxValue()));
	}

	private static double millis(long micros) {
		return Math.round(micros / 10.0) / 100.0;
	}

}
