package io.railside.stomp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import io.railside.fanout.MessageFrame;
import io.railside.fanout.Outboxes;
import io.railside.fanout.ReplayPacing;
import io.railside.refusal.ProtocolRefusals;
import io.railside.refusal.Refusal;
import org.jspecify.annotations.Nullable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;
import org.springframework.web.socket.messaging.SubProtocolHandler;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Spring's STOMP session handler, with sessions that send what is queued before they
 * close, that write frames the fan-out has already encoded as they are, that pace replays
 * (a replay's next page goes once its last page is written and what waits for the
 * session, in its outbox and its send buffer, is down to a quarter of the buffer's
 * limit), and that each have an outbox the broker writes through ({@link SessionOutbox}).
 */
class DrainingSubProtocolWebSocketHandler extends SubProtocolWebSocketHandler implements ReplayPacing, Outboxes {

	private static final Log logger = LogFactory.getLog(SubProtocolWebSocketHandler.class);

	private static final int PAGE_SHARE = 4;

	private final Map<String, DrainBeforeCloseSession> open = new ConcurrentHashMap<>();

	private final SubscribableChannel clientOutboundChannel;

	private final Supplier<StompRefusals> refusals;

	private final SessionOutbox.Writer writer = new SessionOutbox.Writer() {

		@Override
		public void write(DrainBeforeCloseSession session, Message<?> message) {
			DrainingSubProtocolWebSocketHandler.this.write(session, message);
		}

		@Override
		public void write(DrainBeforeCloseSession session, WebSocketMessage<?> frame) {
			send(session, frame, null);
		}

	};

	DrainingSubProtocolWebSocketHandler(MessageChannel clientInboundChannel, SubscribableChannel clientOutboundChannel,
			Supplier<StompRefusals> refusals) {
		super(clientInboundChannel, clientOutboundChannel);
		this.clientOutboundChannel = clientOutboundChannel;
		this.refusals = refusals;
	}

	@Override
	public @Nullable MessageChannel outbox(String sessionId) {
		DrainBeforeCloseSession session = this.open.get(sessionId);
		return (session != null) ? session.outbox() : null;
	}

	@Override
	public int pageBytes() {
		return Math.max(1, getSendBufferSizeLimit() / PAGE_SHARE);
	}

	/**
	 * Refuse a session whose replay fell too far behind. The replay calls this under its
	 * topic's lock, and a cable session's refusal writes to the session and closes it,
	 * which can wait on a client that stopped reading (Tomcat's blocking send): the
	 * refusal runs on the outbound executor, as the outbox closes a slow consumer, so
	 * that the topic's other subscribers and publishers do not wait with it.
	 */
	@Override
	public void cutOff(String sessionId) {
		DrainBeforeCloseSession session = this.open.get(sessionId);
		if (session == null) {
			return;
		}
		Runnable refuse = () -> refuseSlow(session);
		Executor executor = (this.clientOutboundChannel instanceof ExecutorSubscribableChannel channel)
				? channel.getExecutor() : null;
		try {
			if (executor != null) {
				executor.execute(refuse);
				return;
			}
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: refuse here.
		}
		refuse.run();
	}

	private void refuseSlow(DrainBeforeCloseSession session) {
		Refusal slow = Refusal.ofSession("slow_consumer",
				"This client read too slowly to catch up with the topic it resumed; resume again later.");
		if (findProtocolHandler(session) instanceof ProtocolRefusals protocol) {
			protocol.refuse(session, slow);
		}
		else {
			this.refusals.get().refuse(session.getId(), session.getAttributes(), session.getPrincipal(), slow);
		}
	}

	@Override
	protected WebSocketSession decorateSession(WebSocketSession session) {
		DrainBeforeCloseSession draining = new DrainBeforeCloseSession(BatchingSession.decorate(session),
				getSendTimeLimit(), getSendBufferSizeLimit(), pageBytes());
		this.open.put(draining.getId(), draining);
		if (this.clientOutboundChannel instanceof ExecutorSubscribableChannel channel
				&& channel.getExecutor() != null) {
			SessionOutbox outbox = new SessionOutbox(draining, channel.getExecutor(), channel.getInterceptors(),
					this.writer);
			draining.attach(outbox);
		}
		return draining;
	}

	/**
	 * Register a protocol handler; STOMP's, which Spring's endpoint registry adds, is the
	 * default for sessions that negotiated no sub-protocol.
	 */
	@Override
	public void addProtocolHandler(SubProtocolHandler handler) {
		super.addProtocolHandler(handler);
		if (handler instanceof StompSubProtocolHandler && getDefaultProtocolHandler() == null) {
			setDefaultProtocolHandler(handler);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
		DrainBeforeCloseSession decorated = this.open.remove(session.getId());
		SessionOutbox outbox = (decorated != null) ? decorated.outbox() : null;
		if (outbox != null) {
			outbox.close();
		}
		// The decorated session knows its endpoint's default protocol.
		super.afterConnectionClosed((decorated != null) ? decorated : session, closeStatus);
	}

	/**
	 * Write a message from the outbound channel: one that no outbox carried (a CONNECTED,
	 * an ERROR, a cable session's ping).
	 */
	@Override
	public void handleMessage(Message<?> message) {
		DrainBeforeCloseSession session = session(message);
		if (session != null) {
			write(session, message);
		}
		else if (MessageFrame.encoded(message) == null) {
			super.handleMessage(message);
		}
	}

	/**
	 * Write a message to its session: a frame the fan-out encoded as it is, anything else
	 * through its protocol's handler.
	 */
	private void write(DrainBeforeCloseSession session, Message<?> message) {
		TextMessage frame = MessageFrame.encoded(message);
		if (frame == null) {
			super.handleMessage(message);
		}
		else {
			send(session, frame, OrderedMessageChannelDecorator.getNextMessageTask(message));
		}
		afterWrite(session, message);
	}

	private static void afterWrite(DrainBeforeCloseSession session, Message<?> message) {
		Runnable nextPage = ReplayPacing.afterWrite(message);
		if (nextPage != null) {
			session.whenRoom(nextPage);
		}
	}

	private @Nullable DrainBeforeCloseSession session(Message<?> message) {
		String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
		return (sessionId != null) ? this.open.get(sessionId) : null;
	}

	/**
	 * Writes as Spring's STOMP handler does: the session's next message may go once this
	 * one is queued, and a client that stopped reading is closed with the status of the
	 * limit it passed and Spring's log line. Unlike Spring's, a frame that fails to go
	 * out closes its session rather than leaving a silent gap.
	 */
	private static void send(DrainBeforeCloseSession session, WebSocketMessage<?> frame,
			@Nullable Runnable nextMessage) {
		if (nextMessage != null) {
			// Only this frame's arrival in the buffer lets the next one go: other threads
			// (a cable session's pings and refusals) write to the session too, and their
			// frames must not release it early.
			session.setMessageCallback((queued) -> {
				if (queued == frame) {
					nextMessage.run();
				}
			});
		}
		try {
			session.sendMessage(frame);
		}
		catch (SessionLimitExceededException ex) {
			logger.warn("Terminating '" + session + "': " + ex.getMessage());
			close(session, ex.getStatus());
		}
		catch (Exception ex) {
			// The normal end of a session going away (a closed browser tab). An open
			// session (SockJS's cache full between two XHR requests, say) is closed:
			// a frame dropped without a word would be a gap the client cannot see,
			// and it resumes after a reconnect.
			logger.debug("Failed to send a message to " + session, ex);
			if (session.isOpen()) {
				close(session, CloseStatus.SESSION_NOT_RELIABLE);
			}
		}
	}

	private static void close(WebSocketSession session, CloseStatus status) {
		try {
			session.close(status);
		}
		catch (Exception ex) {
			logger.debug("Failure while closing " + session, ex);
		}
	}

}
