package io.railside.stomp;

import java.io.IOException;
import java.lang.reflect.Field;

import org.springframework.util.ReflectionUtils;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.sockjs.transport.session.AbstractSockJsSession;

/**
 * Closes a SockJS session under the lock its writes take. Spring writes the close frame
 * outside that lock ({@code AbstractSockJsSession.close}, Spring Framework 7.0.10; no
 * upstream issue found), while the threads that answer a poll or feed a stream (a
 * request, a send, a heart-beat) write to the same HTTP response under it: a poll
 * answered as its session closed could get the close frame in the middle of its response,
 * two sets of headers on one connection. Closed under the lock, the close frame comes
 * after any write in progress, or not at all once the response is done.
 * <p>
 * The lock is Spring's protected {@code responseLock} field, read once per close by
 * reflection; {@code SockJsResponseLockTests} fails if Spring renames it, and
 * {@code SockJsCloseRaceIntegrationTests} reproduces the race.
 */
public final class SockJsResponseLock {

	private static final Field RESPONSE_LOCK = responseLockField();

	private SockJsResponseLock() {
	}

	/**
	 * Close a session: a SockJS session under its response lock, any other as it is.
	 * @param session the session (not a decorator of one)
	 * @param status the close status
	 * @throws IOException as the session's close throws it
	 */
	public static void close(WebSocketSession session, CloseStatus status) throws IOException {
		closing(session, () -> session.close(status));
	}

	/**
	 * Run a close of a session, or of a decorator around it, under the SockJS session's
	 * response lock when the session is one.
	 * @param session the session the close ends (not a decorator of one)
	 * @param close the close
	 * @throws IOException as the close throws it
	 */
	static void closing(WebSocketSession session, Close close) throws IOException {
		if (session instanceof AbstractSockJsSession sockJs) {
			synchronized (of(sockJs)) {
				close.run();
			}
		}
		else {
			close.run();
		}
	}

	static Object of(AbstractSockJsSession session) {
		Object lock = ReflectionUtils.getField(RESPONSE_LOCK, session);
		if (lock == null) {
			throw new IllegalStateException("Spring's SockJS session has no response lock");
		}
		return lock;
	}

	/**
	 * A close, which may throw as a session's close does.
	 */
	@FunctionalInterface
	interface Close {

		void run() throws IOException;

	}

	private static Field responseLockField() {
		Field field = ReflectionUtils.findField(AbstractSockJsSession.class, "responseLock");
		if (field == null) {
			throw new IllegalStateException(
					"AbstractSockJsSession.responseLock is gone: see SockJsResponseLock before upgrading Spring");
		}
		ReflectionUtils.makeAccessible(field);
		return field;
	}

}
