package io.railside.limits;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.railside.stomp.FrameRule;
import io.railside.refusal.Refusal;

import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * A token bucket per session: a client may send {@code framesPerSecond} frames a second
 * on average and {@code burst} at once; past that its session ends with
 * {@code rate_limited}. DISCONNECT counts as any frame does: Spring's broker acts on each
 * one, and a WebSocket message may hold thousands.
 */
class FrameRateLimit implements FrameRule {

	private static final String BUCKET = FrameRateLimit.class.getName() + ".bucket";

	private final double framesPerNano;

	private final int burst;

	FrameRateLimit(int framesPerSecond, int burst) {
		this.framesPerNano = framesPerSecond / 1e9;
		this.burst = burst;
	}

	@Override
	public Step step() {
		return Step.FRAME_RATE;
	}

	@Override
	public @Nullable Refusal check(StompHeaderAccessor frame) {
		Map<String, Object> attributes = frame.getSessionAttributes();
		if (attributes == null) {
			return null;
		}
		TokenBucket bucket = (TokenBucket) attributes.computeIfAbsent(BUCKET,
				(key) -> new TokenBucket(this.burst, System.nanoTime()));
		if (!bucket.take(System.nanoTime(), this.framesPerNano, this.burst, 1)) {
			return Refusal.ofSession("rate_limited", "Too many frames: slow down and reconnect.");
		}
		return null;
	}

}
