package io.railside.bench.scenario;

import java.util.ArrayList;
import java.util.List;

import io.railside.bench.report.FanoutResult;
import io.railside.bench.report.FlowResult;

import org.jspecify.annotations.Nullable;

/**
 * Broadcast to N subscribers at rising rates: doubling until a step fails (p99 over
 * {@value Plan#P99_LIMIT_MILLIS} ms, or any loss), then halving the gap three times. The
 * sustained figure is the best step that held.
 */
final class FanoutMaxScenario {

	private static final int REFINEMENTS = 3;

	private static final int WARM_UP_SECONDS = 3;

	private FanoutMaxScenario() {
	}

	static FanoutResult run(ScenarioContext context) throws Exception {
		Plan plan = context.plan();
		int subscribers = plan.fanoutSubscribers();
		List<FlowResult> steps = new ArrayList<>();
		try (Publishing publishing = Publishing.open(context, subscribers, (i) -> BroadcastScenario.TOPIC)) {
			// Unmeasured: it runs after the other scenarios, whose traffic left the
			// processes' compiled code shaped for other paths.
			publishing.flow()
				.run((i) -> BroadcastScenario.TOPIC, subscribers, plan.fanoutStartDeliveries() / subscribers,
						WARM_UP_SECONDS);
			Search search = new Search(plan.fanoutStartDeliveries());
			while (steps.size() < plan.fanoutMaxSteps() && !search.done()) {
				int notReady = publishing.ensureReady();
				if (notReady > 0 || !publishing.publisherOpen()) {
					return result(plan, subscribers, steps, search, notReady + " subscribers unreachable");
				}
				FlowResult step = publishing.flow()
					.run((i) -> BroadcastScenario.TOPIC, subscribers, search.rate() / subscribers,
							plan.fanoutStepSeconds());
				steps.add(step);
				search.record(step);
			}
			return result(plan, subscribers, steps, search, search.done() ? search.reason() : "step limit");
		}
	}

	private static FanoutResult result(Plan plan, int subscribers, List<FlowResult> steps, Search search,
			String reason) {
		return new FanoutResult(subscribers, Plan.P99_LIMIT_MILLIS, steps, search.best(), reason);
	}

	/**
	 * The rate search: double while steps hold, then bisect between the best that held
	 * and the lowest that failed.
	 */
	static final class Search {

		private double rate;

		private double held;

		private double failed = Double.MAX_VALUE;

		private int refinements;

		private @Nullable FlowResult best;

		private String reason = "";

		Search(double startDeliveries) {
			this.rate = startDeliveries;
		}

		double rate() {
			return this.rate;
		}

		void record(FlowResult step) {
			if (step.holds(Plan.P99_LIMIT_MILLIS)) {
				this.held = this.rate;
				if (this.best == null || step.deliveriesPerSecond() > this.best.deliveriesPerSecond()) {
					this.best = step;
				}
			}
			else {
				this.failed = Math.min(this.failed, this.rate);
				this.reason = "failed at " + Math.round(this.rate) + "/s: " + step.failure(Plan.P99_LIMIT_MILLIS);
			}
			next();
		}

		private void next() {
			if (this.failed == Double.MAX_VALUE) {
				this.rate *= 2;
			}
			else if (this.held == 0) {
				this.rate /= 2;
			}
			else {
				this.refinements++;
				this.rate = (this.held + this.failed) / 2;
			}
		}

		boolean done() {
			return this.refinements > REFINEMENTS;
		}

		@Nullable FlowResult best() {
			return this.best;
		}

		String reason() {
			return this.reason;
		}

	}

}
