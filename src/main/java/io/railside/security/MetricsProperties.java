package io.railside.security;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read {@code /actuator/prometheus}: a scraper presenting this bearer token.
 * Without one the metrics are closed to everybody.
 *
 * @param token the bearer token Prometheus sends
 */
@ConfigurationProperties("railside.metrics")
public record MetricsProperties(@Nullable String token) {

	@Override
	public String toString() {
		return "MetricsProperties[token=" + ((this.token != null) ? "(set)" : "(unset)") + "]";
	}

}
