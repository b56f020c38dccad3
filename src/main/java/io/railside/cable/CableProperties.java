package io.railside.cable;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Action Cable settings.
 *
 * @param secret the secret shared with the Rails app: it verifies signed stream names
 * (Turbo's {@code signed_stream_verifier_key}) and, unless a broadcast key is set, the
 * broadcast key is derived from it as AnyCable derives it; unset, no signed name is
 * accepted
 * @param broadcastKey the bearer token of {@code POST /_broadcast}; unset, derived from
 * the secret
 * @param publicStreams whether anyone may subscribe to a public stream (a {@code $pubsub}
 * {@code stream_name}); otherwise only tokens whose {@code streams} claim lists it may
 * @param pingInterval how often sessions get a {@code ping} (Action Cable's clients call
 * a connection stale after two missed ones)
 */
@ConfigurationProperties("railside.cable")
public record CableProperties(@Nullable String secret, @Nullable String broadcastKey,
		@DefaultValue("false") boolean publicStreams, @DefaultValue("3s") Duration pingInterval) {

	/**
	 * The bearer token of {@code POST /_broadcast}: the broadcast key, or, as AnyCable
	 * derives it, the hex HMAC-SHA256 of {@code broadcast-cable} under the secret.
	 * @return the token, or {@code null} when neither is set
	 */
	public @Nullable String broadcastToken() {
		if (this.broadcastKey != null && !this.broadcastKey.isBlank()) {
			return this.broadcastKey;
		}
		String secret = this.secret;
		return (secret != null && !secret.isBlank()) ? SignedStreamNames.hexHmac(secret, "broadcast-cable") : null;
	}

	@Override
	public String toString() {
		// A record prints every component; secrets must never reach a log line.
		return "CableProperties[publicStreams=" + this.publicStreams + ", pingInterval=" + this.pingInterval + "]";
	}

}
