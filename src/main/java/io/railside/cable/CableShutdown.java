package io.railside.cable;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.railside.fanout.ReplayPacing;
import io.railside.sessions.SessionCount;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * At shutdown, before every session is closed with 1001, tells each cable client to
 * reconnect ({@code server_restart}), so that it goes to another instance at once: new
 * handshakes are refused first, the frames are written by the outbound channel's threads
 * in parallel (a stalled client holds up no one), and after at most
 * {@value #WRITE_WAIT_SECONDS} seconds the sessions are closed without waiting further.
 */
class CableShutdown {

	private static final long WRITE_WAIT_SECONDS = 2;

	private static final Log logger = LogFactory.getLog(CableShutdown.class);

	private static final TextMessage SERVER_RESTART = CableFrames.disconnect("server_restart", true);

	private final CableProtocolHandler handler;

	private final SessionCount sessionCount;

	private final MessageChannel outbound;

	CableShutdown(CableProtocolHandler handler, SessionCount sessionCount, MessageChannel outbound) {
		this.handler = handler;
		this.sessionCount = sessionCount;
		this.outbound = outbound;
	}

	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void onShutdown(ContextClosedEvent event) throws InterruptedException {
		this.sessionCount.refuseNewHandshakes();
		List<CableSession> sessions = this.handler.sessions();
		if (sessions.isEmpty()) {
			return;
		}
		logger.info("Shutting down: telling " + sessions.size() + " cable sessions to reconnect (server_restart)");
		CountDownLatch written = new CountDownLatch(sessions.size());
		for (CableSession cable : sessions) {
			SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.OTHER);
			headers.setSessionId(cable.id());
			headers.setHeader(ReplayPacing.AFTER_WRITE_HEADER, (Runnable) written::countDown);
			this.outbound.send(MessageBuilder.createMessage(SERVER_RESTART, headers.getMessageHeaders()));
		}
		if (!written.await(WRITE_WAIT_SECONDS, TimeUnit.SECONDS)) {
			logger.info(written.getCount() + " cable sessions had not taken server_restart within "
					+ Duration.ofSeconds(WRITE_WAIT_SECONDS).toSeconds() + " s");
		}
		for (CableSession cable : sessions) {
			close(cable.socket());
		}
	}

	/**
	 * Close a session without waiting for its send buffer to drain (a stalled client
	 * would hold up the others).
	 */
	private static void close(WebSocketSession session) {
		WebSocketSession underlying = (session instanceof WebSocketSessionDecorator decorator)
				? decorator.getLastSession() : session;
		try {
			underlying.close(CloseStatus.GOING_AWAY);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not close cable session " + session.getId(), ex);
		}
	}

}
