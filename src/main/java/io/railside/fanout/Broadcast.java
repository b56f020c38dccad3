package io.railside.fanout;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.web.socket.TextMessage;

/**
 * A message on its way to a topic's subscribers, as the fan-out delivers it and the
 * topic's history keeps it: each subscriber's copy, with the message's position when it
 * has one.
 */
public sealed interface Broadcast permits MessageFrame, BinaryBroadcast, CableBroadcast {

	/**
	 * The copy for one subscription, as a message for the session's outbound channel.
	 * @param sessionId the subscriber's session
	 * @param subscriptionId the subscription's {@code id}
	 * @param epoch the epoch of the message's position, or {@code null} without one
	 * @param offset the offset of the message's position
	 * @return the message to send
	 */
	Message<?> to(String sessionId, String subscriptionId, @Nullable String epoch, long offset);

	/**
	 * The copy for one subscription as the WebSocket message it is, for an outbox that
	 * takes frames without a {@code Message} around them.
	 * @param subscriptionId the subscription's {@code id}
	 * @param sessionId the subscriber's session
	 * @param epoch the epoch of the message's position, or {@code null} without one
	 * @param offset the offset of the message's position
	 * @return the frame, or {@code null} when the copy must take Spring's path
	 */
	default @Nullable TextMessage frame(String sessionId, String subscriptionId, @Nullable String epoch, long offset) {
		return null;
	}

	/**
	 * Whether the copies are Action Cable messages rather than STOMP frames.
	 * @return whether they are
	 */
	default boolean isCable() {
		return false;
	}

	/**
	 * What keeping the message costs.
	 * @return an estimate in bytes
	 */
	int bytes();

}
