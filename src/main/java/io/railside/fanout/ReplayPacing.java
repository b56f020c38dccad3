package io.railside.fanout;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;

/**
 * What a replay needs from the writer of the sessions, so that it never queues more than
 * a session's send buffer takes: a page size, a word when a page has been written and the
 * buffer has room again, and a way to cut off a session that stopped reading. Spring's
 * per-session outbound queue is unbounded, and a replay queued whole would get the client
 * cut off as a slow consumer, to resume again, in a loop.
 */
public interface ReplayPacing {

	/**
	 * Header of the last message of a page, holding what to run once it has been written
	 * and the session's buffer has room for another page.
	 */
	String AFTER_WRITE_HEADER = "railside.afterWrite";

	/**
	 * How much to queue at once.
	 * @return bytes, a share of the session's send buffer
	 */
	int pageBytes();

	/**
	 * End a session whose client reads more slowly than its topic gets messages while it
	 * resumes, as Spring ends a slow consumer.
	 * @param sessionId the session
	 */
	void cutOff(String sessionId);

	/**
	 * What to run once a message has been written.
	 * @param message a message on its way to a client
	 * @return the next page of a replay, or {@code null}
	 */
	static @Nullable Runnable afterWrite(Message<?> message) {
		return (message.getHeaders().get(AFTER_WRITE_HEADER) instanceof Runnable next) ? next : null;
	}

}
