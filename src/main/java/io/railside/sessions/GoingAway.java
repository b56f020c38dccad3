package io.railside.sessions;

import java.io.IOException;
import java.util.List;

import io.railside.stomp.SockJsResponseLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * When the application shuts down (SIGTERM, a deploy), refuses new handshakes and closes
 * every session with 1001 (going away), so that clients reconnect to another instance at
 * once instead of waiting for a dead connection to time out.
 */
class GoingAway {

	private static final Log logger = LogFactory.getLog(GoingAway.class);

	private final SessionCount sessions;

	GoingAway(SessionCount sessions) {
		this.sessions = sessions;
	}

	@EventListener
	void onShutdown(ContextClosedEvent event) {
		this.sessions.refuseNewHandshakes();
		List<WebSocketSession> open = this.sessions.sessions();
		if (!open.isEmpty()) {
			logger.info("Shutting down: closing " + open.size() + " WebSocket sessions with 1001 (going away)");
		}
		for (WebSocketSession session : open) {
			try {
				SockJsResponseLock.close(session, CloseStatus.GOING_AWAY);
			}
			catch (IOException | RuntimeException ex) {
				// Gone already
			}
		}
	}

}
