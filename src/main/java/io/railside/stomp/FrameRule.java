package io.railside.stomp;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * One check every inbound frame passes before the broker sees it (limits, authentication,
 * destination rules, authorization). Rules run in {@link org.springframework.core.Ordered
 * order}; the first refusal ends the session with its code.
 */
public interface FrameRule {

	/**
	 * Check a frame. A rule may add to the frame's headers (authentication sets the
	 * user).
	 * @param frame the frame's headers, mutable while the rules run
	 * @return why the frame is refused, or {@code null} to let it pass
	 */
	@Nullable StompRejection check(StompHeaderAccessor frame);

	/**
	 * Check a frame knowing the size of its body. Most rules need only the headers and
	 * leave this to {@link #check(StompHeaderAccessor)}.
	 * @param frame the frame's headers, mutable while the rules run
	 * @param bodyLength the length of the frame's body in bytes
	 * @return why the frame is refused, or {@code null} to let it pass
	 */
	default @Nullable StompRejection check(StompHeaderAccessor frame, int bodyLength) {
		return check(frame);
	}

}
