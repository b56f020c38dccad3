package io.railside.limits;

import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Frames per session: a client may send {@code framesPerSecond} frames a second on
 * average and {@code burst} at once; past that its session ends with
 * {@code rate_limited}. DISCONNECT counts as any frame does: Spring's broker acts on each
 * one, and a WebSocket message may hold thousands.
 */
class FrameRateLimit extends RateLimit {

	FrameRateLimit(int framesPerSecond, int burst) {
		super(framesPerSecond, burst, "Too many frames: slow down and reconnect.");
	}

	@Override
	public Step step() {
		return Step.FRAME_RATE;
	}

	@Override
	double cost(StompHeaderAccessor frame, int bodyLength) {
		return 1;
	}

}
