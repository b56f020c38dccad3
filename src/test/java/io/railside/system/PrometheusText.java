package io.railside.system;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.fail;

/**
 * Reads one sample out of Prometheus's text format, by metric name and labels.
 */
final class PrometheusText {

	private PrometheusText() {
	}

	/**
	 * The value of the first sample of a metric that carries every given label.
	 * @param metrics the scraped text
	 * @param name the metric name, such as {@code railside_sessions}
	 * @param labels labels as written, such as {@code transport="websocket"}
	 * @return the value
	 */
	static double value(String metrics, String name, String... labels) {
		return metrics.lines()
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.filter((line) -> Arrays.stream(labels).allMatch(line::contains))
			.map((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseGet(() -> fail("No sample of %s with %s in:%n%s", name, Arrays.toString(labels), metrics));
	}

}
