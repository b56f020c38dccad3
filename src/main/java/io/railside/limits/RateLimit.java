package io.railside.limits;

import java.util.Map;

import io.railside.refusal.Refusal;
import io.railside.stomp.FrameRule;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * A token bucket per session, for the rate limits: a session may spend {@code burst} at
 * once and {@code perSecond} over time, each frame taking what it costs; past that the
 * session ends with {@code rate_limited}.
 */
abstract class RateLimit implements FrameRule {

	private final String bucketKey = getClass().getName() + ".bucket";

	private final double perNano;

	private final double burst;

	private final Refusal refusal;

	RateLimit(double perSecond, double burst, String sentence) {
		this.perNano = perSecond / 1e9;
		this.burst = burst;
		this.refusal = Refusal.ofSession("rate_limited", sentence);
	}

	@Override
	public @Nullable Refusal check(StompHeaderAccessor frame) {
		return check(frame, 0);
	}

	@Override
	public @Nullable Refusal check(StompHeaderAccessor frame, int bodyLength) {
		Map<String, Object> attributes = frame.getSessionAttributes();
		if (attributes == null) {
			return null;
		}
		TokenBucket bucket = (TokenBucket) attributes.computeIfAbsent(this.bucketKey,
				(key) -> new TokenBucket(this.burst, System.nanoTime()));
		return bucket.take(System.nanoTime(), this.perNano, this.burst, cost(frame, bodyLength)) ? null : this.refusal;
	}

	/**
	 * What a frame costs.
	 * @param frame the frame's headers
	 * @param bodyLength the length of its body in bytes
	 * @return its cost, in the unit of the rate
	 */
	abstract double cost(StompHeaderAccessor frame, int bodyLength);

}
