package io.railside.limits;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.sockjs.transport.session.AbstractSockJsSession;

/**
 * Knows every open WebSocket session, by transport. It turns away handshakes past the
 * limit with 503, so a flood of connections cannot take the memory that open sessions
 * need (handshakes in flight at the same moment may pass the limit by their number, never
 * more). When the application shuts down it refuses new handshakes and closes every
 * session with 1001 (going away), so clients reconnect to another instance at once.
 */
public class SessionCount implements HandshakeInterceptor {

	private static final Log logger = LogFactory.getLog(SessionCount.class);

	private final Map<WebSocketSession, String> open = new ConcurrentHashMap<>();

	private final int maxSessions;

	private volatile boolean closing;

	SessionCount(int maxSessions) {
		this.maxSessions = maxSessions;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		if (this.closing) {
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			return false;
		}
		if (this.open.size() >= this.maxSessions) {
			logger.warn("Refused a WebSocket handshake: " + this.maxSessions + " sessions are open (limit.sessions)");
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			response.getHeaders().set("Retry-After", "5");
			return false;
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

	/**
	 * The number of sessions open now.
	 * @return the count
	 */
	public int open() {
		return this.open.size();
	}

	/**
	 * The number of sessions open now on one transport.
	 * @param transport {@code websocket}, {@code sockjs} or {@code echo}
	 * @return the count
	 */
	public long open(String transport) {
		return this.open.values().stream().filter(transport::equals).count();
	}

	/**
	 * The transports sessions are counted under.
	 * @return their names
	 */
	public static Set<String> transports() {
		return Set.of("websocket", "sockjs", "echo");
	}

	/**
	 * Wrap an endpoint's handler so that its sessions are counted.
	 * @param handler the endpoint's handler
	 * @param raw whether the endpoint is the raw echo rather than STOMP
	 * @return the counting handler
	 */
	public WebSocketHandler counting(WebSocketHandler handler, boolean raw) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				SessionCount.this.open.put(session, transport(session, raw));
				super.afterConnectionEstablished(session);
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
				SessionCount.this.open.remove(session);
				super.afterConnectionClosed(session, closeStatus);
			}

		};
	}

	private static String transport(WebSocketSession session, boolean raw) {
		if (raw) {
			return "echo";
		}
		return (session instanceof AbstractSockJsSession) ? "sockjs" : "websocket";
	}

	@EventListener
	void onShutdown(ContextClosedEvent event) {
		this.closing = true;
		if (!this.open.isEmpty()) {
			logger.info("Shutting down: closing " + this.open.size() + " WebSocket sessions with 1001 (going away)");
		}
		for (WebSocketSession session : this.open.keySet()) {
			try {
				session.close(CloseStatus.GOING_AWAY);
			}
			catch (IOException | RuntimeException ex) {
				// Gone already
			}
		}
	}

}
