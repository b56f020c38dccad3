package io.railside.sockjs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.railside.stomp.SockJsResponseLock;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.sockjs.transport.session.AbstractHttpSockJsSession;

/**
 * The open SockJS sessions of HTTP transports, by their id, so that the request filter
 * can count those waiting for their next request and close one whose client sent too
 * much. Spring's SockJS service keeps its own map private; this one is filled through a
 * handler decorator, a public seam.
 */
class SockJsSessions {

	private static final long RECOUNT_NANOS = 100_000_000L;

	private final Map<String, AbstractHttpSockJsSession> open = new ConcurrentHashMap<>();

	private final int maxWaiting;

	private final AtomicInteger admittedSince = new AtomicInteger();

	private volatile int counted;

	private volatile long countedAt = System.nanoTime() - RECOUNT_NANOS;

	SockJsSessions(int maxWaiting) {
		this.maxWaiting = maxWaiting;
	}

	/**
	 * Whether a request for the given session may go on: always for a session that is
	 * open, for a new one only while fewer than the limit wait. Requests in flight at the
	 * same moment may pass the limit by their number, never more.
	 * @param sessionId the session id of the request
	 * @return whether to pass the request on
	 */
	boolean admits(String sessionId) {
		if (this.open.containsKey(sessionId)) {
			return true;
		}
		// Counting walks every open session: below the limit, a count a moment old plus
		// the sessions admitted since will do, so a flood of new sessions costs a walk
		// only near the limit.
		long now = System.nanoTime();
		if (now - this.countedAt < RECOUNT_NANOS && this.counted + this.admittedSince.get() < this.maxWaiting) {
			this.admittedSince.incrementAndGet();
			return true;
		}
		int waiting = waiting();
		this.counted = waiting;
		this.countedAt = now;
		this.admittedSince.set(0);
		if (waiting < this.maxWaiting) {
			this.admittedSince.incrementAndGet();
			return true;
		}
		return false;
	}

	/**
	 * The number of sessions without a request in progress: between two polls, between
	 * two streaming requests, or never polled again. That is Spring's
	 * {@link AbstractHttpSockJsSession#isActive()}, which its own cleanup task reads too;
	 * {@code SockJsSessionLimitIntegrationTests} pins what it means here.
	 * @return the count, up to the limit
	 */
	int waiting() {
		int waiting = 0;
		for (AbstractHttpSockJsSession session : this.open.values()) {
			if (!session.isActive() && ++waiting >= this.maxWaiting) {
				break;
			}
		}
		return waiting;
	}

	int maxWaiting() {
		return this.maxWaiting;
	}

	/**
	 * Close a session, if the request comes from the address that opened it (as Spring
	 * checks before it serves a request of a session).
	 * @param sessionId the session id
	 * @param remoteAddress the address of the request
	 * @param status the close status
	 */
	void close(String sessionId, InetSocketAddress remoteAddress, CloseStatus status) {
		AbstractHttpSockJsSession session = this.open.get(sessionId);
		if (session == null || !sameAddress(session.getRemoteAddress(), remoteAddress)) {
			return;
		}
		try {
			SockJsResponseLock.close(session, status);
		}
		catch (IOException ex) {
			// Closed already
		}
	}

	private static boolean sameAddress(@Nullable InetSocketAddress address, InetSocketAddress remoteAddress) {
		return address != null && address.getAddress() != null
				&& address.getAddress().equals(remoteAddress.getAddress());
	}

	/**
	 * Wrap STOMP's handler so that HTTP SockJS sessions are known while they are open.
	 * @param handler the handler of every STOMP endpoint
	 * @return the tracking handler
	 */
	WebSocketHandler tracking(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				if (session instanceof AbstractHttpSockJsSession httpSession) {
					SockJsSessions.this.open.put(session.getId(), httpSession);
				}
				super.afterConnectionEstablished(session);
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
				SockJsSessions.this.open.remove(session.getId(), session);
				super.afterConnectionClosed(session, closeStatus);
			}

		};
	}

}
