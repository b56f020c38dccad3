package io.railside.limits;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Counts open WebSocket sessions on every endpoint and turns away handshakes past the
 * limit with 503, so a flood of connections cannot take the memory that open sessions
 * need. Sessions are counted from open to close; handshakes in flight at the same moment
 * may pass the limit by their number, never more.
 */
public class SessionCount implements HandshakeInterceptor {

	private static final Log logger = LogFactory.getLog(SessionCount.class);

	private final AtomicInteger open = new AtomicInteger();

	private final int maxSessions;

	SessionCount(int maxSessions) {
		this.maxSessions = maxSessions;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		if (this.open.get() >= this.maxSessions) {
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
		return this.open.get();
	}

	/**
	 * Wrap an endpoint's handler so that its sessions are counted.
	 * @param handler the endpoint's handler
	 * @return the counting handler
	 */
	public WebSocketHandler counting(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				SessionCount.this.open.incrementAndGet();
				super.afterConnectionEstablished(session);
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
				SessionCount.this.open.decrementAndGet();
				super.afterConnectionClosed(session, closeStatus);
			}

		};
	}

}
