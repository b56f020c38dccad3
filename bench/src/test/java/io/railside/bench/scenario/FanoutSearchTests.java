package io.railside.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

import io.railside.bench.measure.Latency;
import io.railside.bench.report.FlowResult;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FanoutSearchTests {

	@Test
	void doublesUntilAStepFailsThenHalvesTheGapThreeTimes() {
		List<Double> rates = search(10_000, (rate) -> rate <= 50_000);

		assertThat(rates).containsExactly(10_000.0, 20_000.0, 40_000.0, 80_000.0, 60_000.0, 50_000.0, 55_000.0);
	}

	@Test
	void halvesFromAFailingStartUntilAStepHolds() {
		List<Double> rates = search(40_000, (rate) -> rate <= 12_000);

		assertThat(rates).containsExactly(40_000.0, 20_000.0, 10_000.0, 15_000.0, 12_500.0, 11_250.0);
	}

	@Test
	void keepsTheBestStepThatHeld() {
		FanoutMaxScenario.Search search = new FanoutMaxScenario.Search(10_000);
		while (!search.done()) {
			search.record(step(search.rate(), search.rate() <= 50_000));
		}

		assertThat(search.best().deliveriesPerSecond()).isEqualTo(50_000.0);
		assertThat(search.reason()).startsWith("failed at 55000/s: p99");
	}

	private static List<Double> search(double start, DoublePredicate holds) {
		FanoutMaxScenario.Search search = new FanoutMaxScenario.Search(start);
		List<Double> rates = new ArrayList<>();
		while (!search.done() && rates.size() < 12) {
			rates.add(search.rate());
			search.record(step(search.rate(), holds.test(search.rate())));
		}
		return rates;
	}

	private static FlowResult step(double rate, boolean holds) {
		Latency latency = new Latency(100, 1, holds ? 10 : 900, 950, 1000);
		return new FlowResult(1000, rate / 1000, rate, 5, 10, 10_000, 10_000, 0, 0, rate, latency, latency, 5.0, null,
				2.0, 1.0, 0);
	}

}
