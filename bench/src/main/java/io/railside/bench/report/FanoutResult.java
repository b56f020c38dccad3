package io.railside.bench.report;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The fanout-max search: each step's run, and the best step that held.
 *
 * @param subscribers subscribers on the one topic
 * @param p99LimitMillis the bound a step's p99 had to keep
 * @param steps every step in the order run
 * @param sustained the step with the most deliveries per second that held
 * @param stopReason why the search ended
 */
public record FanoutResult(int subscribers, double p99LimitMillis, List<FlowResult> steps,
		@Nullable FlowResult sustained, String stopReason) {

	public double sustainedDeliveriesPerSecond() {
		return (this.sustained != null) ? this.sustained.deliveriesPerSecond() : 0;
	}

	/**
	 * The lowest offered rate whose step failed: with the sustained figure it brackets
	 * the true limit, and says how finely the search resolved it.
	 * @return deliveries per second, or {@code null} if no step failed
	 */
	public @Nullable Double lowestFailedDeliveriesPerSecond() {
		return this.steps.stream()
			.filter((step) -> !step.holds(this.p99LimitMillis))
			.map(FlowResult::offeredDeliveriesPerSecond)
			.min(Double::compare)
			.orElse(null);
	}

}
