package io.railside.publish;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the HTTP publish API for backends.
 *
 * @param token the bearer token backends present; unset or blank disables the API (403)
 * @param maxRequestSize the largest request body; a larger one gets 413
 * @param maxBatchSize the most messages in one batch; more get 413
 * @param maxBodySize the largest body of one message as subscribers receive it (UTF-8
 * text or compact JSON); a larger one gets 413. The default matches the inbound STOMP
 * frame limit, so a backend sends nothing larger than a browser may
 * @param idempotencyTtl how long the answer to a request with an {@code Idempotency-Key}
 * is remembered, so that a retry with the same key gets it instead of publishing again
 * @param idempotencyKeys how many such answers are remembered at most, the oldest
 * forgotten first; a batch counts one per message, as its answer holds an id and a
 * position for each. About 400 bytes each (measured on a 64-bit JVM)
 */
@ConfigurationProperties("railside.publish")
public record PublishProperties(@Nullable String token, @DefaultValue("1MB") DataSize maxRequestSize,
		@DefaultValue("1000") int maxBatchSize, @DefaultValue("64KB") DataSize maxBodySize,
		@DefaultValue("24h") Duration idempotencyTtl, @DefaultValue("100000") int idempotencyKeys) {

	@Override
	public String toString() {
		// A record prints every component; the token must never reach a log line.
		return "PublishProperties[token=" + ((this.token != null && !this.token.isBlank()) ? "(set)" : "(unset)")
				+ ", maxRequestSize=" + this.maxRequestSize + ", maxBatchSize=" + this.maxBatchSize + ", maxBodySize="
				+ this.maxBodySize + ", idempotencyTtl=" + this.idempotencyTtl + ", idempotencyKeys="
				+ this.idempotencyKeys + "]";
	}

}
