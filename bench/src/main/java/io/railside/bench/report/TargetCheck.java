package io.railside.bench.report;

/**
 * One target of the issue, its figures from this run and whether it was met.
 *
 * @param target what was asked
 * @param measured the figures, with the peers' and the ratios
 * @param verdict {@code met}, {@code not met}, {@code not measured}, or {@code reported}
 * for a figure asked for without a bound
 */
public record TargetCheck(String target, String measured, String verdict) {

	static TargetCheck of(String target, String measured, boolean met) {
		return new TargetCheck(target, measured, met ? "met" : "not met");
	}

	static TargetCheck reported(String target, String measured) {
		return new TargetCheck(target, measured, "reported");
	}

	static TargetCheck missing(String target, String why) {
		return new TargetCheck(target, why, "not measured");
	}

}
