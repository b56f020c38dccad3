package io.railside.fanout;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;

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
	 * What keeping the message costs.
	 * @return an estimate in bytes
	 */
	int bytes();

}
