package io.railside.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import io.railside.refusal.Refusal;
import io.railside.stomp.EndpointProtocols;
import io.railside.stomp.StompRefusals;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.messaging.SessionConnectedEvent;

/**
 * Ends a STOMP session that has not completed CONNECT within the deadline, with ERROR
 * {@code connect.timeout}: a socket that sends nothing (or only heart-beats) would
 * otherwise hold a place until Spring's own check, which runs only when another session
 * opens.
 */
class ConnectDeadline {

	private final TaskScheduler scheduler;

	private final StompRefusals refusals;

	private final Duration timeout;

	private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

	ConnectDeadline(TaskScheduler scheduler, StompRefusals refusals, Duration timeout) {
		this.scheduler = scheduler;
		this.refusals = refusals;
		this.timeout = timeout;
	}

	/**
	 * Wrap the STOMP endpoints' handler so that each new session gets its deadline.
	 * @param handler the handler
	 * @return the wrapped handler
	 */
	WebSocketHandler decorate(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				// Action Cable has no CONNECT: its sessions are authenticated at the
				// handshake.
				if (EndpointProtocols.defaultOf(session) == null) {
					start(session);
				}
				super.afterConnectionEstablished(session);
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
				cancel(session.getId());
				super.afterConnectionClosed(session, closeStatus);
			}

		};
	}

	private void start(WebSocketSession session) {
		String id = session.getId();
		Map<String, Object> attributes = session.getAttributes();
		this.pending.put(id, this.scheduler.schedule(() -> expire(id, attributes), Instant.now().plus(this.timeout)));
	}

	@EventListener
	void onConnected(SessionConnectedEvent event) {
		String id = SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders());
		if (id != null) {
			cancel(id);
		}
	}

	private void cancel(String id) {
		ScheduledFuture<?> deadline = this.pending.remove(id);
		if (deadline != null) {
			deadline.cancel(false);
		}
	}

	private void expire(String id, Map<String, Object> attributes) {
		if (this.pending.remove(id) != null) {
			this.refusals.refuse(id, attributes, null, Refusal.ofSession("connect.timeout",
					"Send CONNECT within " + this.timeout.toSeconds() + " seconds of opening the connection."));
		}
	}

	int pending() {
		return this.pending.size();
	}

}
