package io.railside.fanout;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.MessageChannel;

/**
 * Where the broker writes to one session: the session's own outbox, which keeps the order
 * of what is sent to it and writes it with one task at a time, instead of a task and a
 * {@code Message} hand-off through Spring's ordered outbound channel per frame.
 */
@FunctionalInterface
public interface Outboxes {

	/** For a broker that writes through Spring's ordered outbound channel. */
	Outboxes NONE = (sessionId) -> null;

	/**
	 * The outbox of an open session.
	 * @param sessionId the session
	 * @return its outbox, or {@code null} when the session is not open on this writer
	 */
	@Nullable MessageChannel outbox(String sessionId);

}
