package io.railside.stomp;

import io.railside.refusal.Refusal;
import io.railside.refusal.Refusal.Ends;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * One check every inbound frame passes before the broker sees it. Each rule names its
 * {@link Step}, and the steps, declared below in the order they run, are the whole
 * sequence: a newcomer reads it here, not in numbers spread over packages. The first
 * refusal ends the session with its code, through {@link StompRefusals}.
 */
public interface FrameRule {

	/**
	 * Where this rule runs in the sequence.
	 * @return its step; each step has one rule
	 */
	Step step();

	/**
	 * Check a frame. A rule may add to the frame's headers (authentication sets the
	 * user).
	 * @param frame the frame's headers, mutable while the rules run
	 * @return why the frame is refused, or {@code null} to let it pass
	 */
	@Nullable Refusal check(StompHeaderAccessor frame);

	/**
	 * Check a frame knowing the size of its body. Most rules need only the headers and
	 * leave this to {@link #check(StompHeaderAccessor)}.
	 * @param frame the frame's headers, mutable while the rules run
	 * @param bodyLength the length of the frame's body in bytes
	 * @return why the frame is refused, or {@code null} to let it pass
	 */
	default @Nullable Refusal check(StompHeaderAccessor frame, int bodyLength) {
		return check(frame);
	}

	/**
	 * What refusing a frame of this command ends, for protocols that answer finer than
	 * STOMP: a SUBSCRIBE its subscription, a SEND only itself, anything else the session.
	 * @param command the frame's command
	 * @return what a refusal of it ends
	 */
	static Ends endsFor(@Nullable StompCommand command) {
		if (command == StompCommand.SUBSCRIBE) {
			return Ends.SUBSCRIPTION;
		}
		return (command == StompCommand.SEND) ? Ends.FRAME : Ends.SESSION;
	}

	/**
	 * The sequence of the rules, in the order they run. Cheap refusals that bound the
	 * work of later rules come first; what needs an authenticated user comes after
	 * authentication; what counts comes last, so that it counts only what every other
	 * rule let through.
	 */
	enum Step {

		/**
		 * CONNECT while the broker is away ({@code broker.unavailable}): nothing else is
		 * worth checking.
		 */
		BROKER_AVAILABILITY,

		/**
		 * How many headers and how long ({@code bad_frame}): bounds what every later rule
		 * spends on a frame.
		 */
		HEADER_LIMITS,

		/**
		 * Frames per second ({@code rate_limited}), before any costly check such as a
		 * token's signature.
		 */
		FRAME_RATE,

		/**
		 * Bytes per second ({@code rate_limited}), counting the headers as the client
		 * sent them.
		 */
		BYTE_RATE,

		/**
		 * CONNECT's token ({@code auth.*}), read from the {@code Authorization} header in
		 * any spelling, or the handshake's, and then removed.
		 */
		AUTHENTICATION,

		/**
		 * Only the headers Railside knows pass on, and only the commands it offers
		 * ({@code bad_frame}). After authentication, so that it never drops the token
		 * before it is read.
		 */
		HEADER_ALLOWLIST,

		/**
		 * A SUBSCRIBE that resumes names a whole position and a receipt
		 * ({@code bad_frame}).
		 */
		RESUME,

		/**
		 * Sessions per user on CONNECT ({@code limit.sessions}), once the user is known.
		 */
		USER_SESSIONS,

		/**
		 * Destination names ({@code bad_destination}, {@code forbidden} for reserved and
		 * other users' destinations).
		 */
		DESTINATIONS,

		/**
		 * The token's claims for well-formed destinations ({@code forbidden}).
		 */
		AUTHORIZATION,

		/**
		 * Subscriptions per session and unique ids ({@code limit.subscriptions},
		 * {@code bad_frame}): last, so it counts only subscriptions every other rule
		 * allowed.
		 */
		SUBSCRIPTIONS

	}

}
