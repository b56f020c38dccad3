package io.railside.bench.report;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How figures read in the tables.
 */
final class Numbers {

	private Numbers() {
	}

	static String count(double value) {
		return String.format(Locale.ROOT, "%,d", Math.round(value));
	}

	static String millis(double value) {
		return String.format(Locale.ROOT, (value < 10) ? "%.2f" : "%.1f", value);
	}

	static String seconds(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

	static String micros(@Nullable Double value) {
		return (value == null) ? "-" : String.format(Locale.ROOT, "%.2f", value);
	}

	static String kib(@Nullable Double bytes) {
		return (bytes == null) ? "-" : String.format(Locale.ROOT, "%.1f", bytes / 1024);
	}

	static String ratio(double value) {
		if (!Double.isFinite(value)) {
			return "no ratio: nothing to divide by";
		}
		return String.format(Locale.ROOT, "%.2fx", value);
	}

}
