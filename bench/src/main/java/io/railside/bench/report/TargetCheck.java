package io.railside.bench.report;

/**
 * One target of the issue, its figures from this run and whether it was met.
 *
 * @param target what was asked
 * @param measured the figures, with the peers' and the ratios
 * @param verdict {@code met}, {@code not met}, or {@code not measured}
 */
public record TargetCheck(String target, String measured, String verdict) {

	static TargetCheck of(String target, String measured, boolean met) {
		return new TargetCheck(target, measured, met ? "met" : "not met");
	}

	static TargetCheck missing(String target, String why) {
		return new TargetCheck(target, why, "not measured");
	}

}
