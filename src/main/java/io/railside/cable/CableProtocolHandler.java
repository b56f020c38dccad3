package io.railside.cable;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.railside.broker.BrokerStatus;
import io.railside.fanout.ResumeReceipts;
import io.railside.history.Resume;
import io.railside.limits.LimitProperties;
import io.railside.refusal.ProtocolRefusals;
import io.railside.refusal.Refusal;
import io.railside.security.HandshakeAuthentication;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.SubProtocolHandler;

/**
 * Action Cable's protocol ({@code actioncable-v1-json}, and AnyCable's extended
 * {@code actioncable-v1-ext-json}), as one more sub-protocol of Spring's session handler
 * beside STOMP: a cable session's {@code subscribe} and {@code unsubscribe} become the
 * broker's SUBSCRIBE and UNSUBSCRIBE for its stream, the broker's answer becomes
 * {@code confirm_subscription}, and deliveries reach the session already written as
 * Action Cable messages ({@code CableBroadcast}). The session is authenticated at the
 * handshake; the STOMP frame rules never see it.
 * <p>
 * What a client may not do is answered as Rails answers it ({@link CableRefusals}):
 * {@code reject_subscription} for a subscription, {@code disconnect} for the session.
 * {@code message} commands (a channel action) are ignored: no Ruby channel runs here.
 * <p>
 * With the extended protocol, deliveries carry their stream, epoch and offset, and a
 * {@code subscribe} may ask for history ({@link HistoryRequest}): the broker resumes the
 * subscription, the client gets {@code confirm_subscription}, the missed messages and
 * {@code confirm_history}, or {@code reject_history} when they cannot all be had. There
 * is no session restore ({@code sid}): a client that reconnects subscribes again with its
 * positions, which recovers the same messages.
 */
class CableProtocolHandler implements SubProtocolHandler, ProtocolRefusals {

	static final String PROTOCOL = "actioncable-v1-json";

	/**
	 * AnyCable's extended protocol: positions on deliveries, and history on subscribe.
	 */
	static final String EXTENDED_PROTOCOL = "actioncable-v1-ext-json";

	private static final Log logger = LogFactory.getLog(CableProtocolHandler.class);

	private final Map<String, CableSession> sessions = new ConcurrentHashMap<>();

	private final HandshakeAuthentication authentication;

	private final CableSubscriptions subscriptions;

	private final CableRefusals refusals;

	private final JsonMapper json;

	private final LimitProperties limits;

	private final BrokerStatus broker;

	CableProtocolHandler(HandshakeAuthentication authentication, CableSubscriptions subscriptions,
			CableRefusals refusals, JsonMapper json, LimitProperties limits, BrokerStatus broker) {
		this.broker = broker;
		this.authentication = authentication;
		this.subscriptions = subscriptions;
		this.refusals = refusals;
		this.json = json;
		this.limits = limits;
	}

	@Override
	public List<String> getSupportedProtocols() {
		return List.of(PROTOCOL, EXTENDED_PROTOCOL);
	}

	@Override
	public void afterSessionStarted(WebSocketSession session, MessageChannel outputChannel) throws Exception {
		HandshakeAuthentication.Outcome outcome = this.authentication.authenticate(session.getAttributes());
		if (outcome.refusal() != null) {
			this.refusals.disconnect(session, outcome.refusal(), outcome.isExpired() ? "token_expired" : "unauthorized",
					false);
			return;
		}
		if (!this.broker.isAvailable()) {
			// As a STOMP CONNECT is refused: the client comes back once RabbitMQ is.
			this.refusals.disconnect(session, BrokerStatus.unavailable(), "server_restart", true);
			return;
		}
		session.sendMessage(CableFrames.WELCOME);
		CableSession cable = new CableSession(session, new OrderedMessageChannelDecorator(outputChannel, logger),
				outcome.user(), EXTENDED_PROTOCOL.equals(session.getAcceptedProtocol()), this.limits.frameBurst());
		this.sessions.put(session.getId(), cable);
		this.subscriptions.connect(cable);
	}

	@Override
	public void handleMessageFromClient(WebSocketSession session, WebSocketMessage<?> message,
			MessageChannel outputChannel) {
		CableSession cable = this.sessions.get(session.getId());
		if (cable == null) {
			return;
		}
		if (!cable.commands()
			.take(System.nanoTime(), this.limits.framesPerSecond() / 1e9, this.limits.frameBurst(), 1)) {
			this.refusals.disconnect(session, CableRefusals.RATE_LIMITED, "invalid_request", true);
			return;
		}
		CableCommand command = (message instanceof TextMessage text) ? CableCommand.parse(text.getPayload(), this.json)
				: null;
		if (command == null) {
			this.refusals.disconnect(session, CableRefusals.BAD_COMMAND, "invalid_request", true);
			return;
		}
		String identifier = command.identifier();
		switch (command.name()) {
			case "subscribe" -> this.subscriptions.subscribe(cable, Objects.requireNonNull(identifier),
					cable.extended() ? HistoryRequest.of(command.body()) : null);
			case "unsubscribe" -> this.subscriptions.unsubscribe(cable, Objects.requireNonNull(identifier));
			case "message" -> logger.debug("Ignoring a message command of cable session " + session.getId()
					+ ": Railside runs no channel actions");
			case "history" ->
				extendedOnly(cable, () -> this.subscriptions.history(cable, Objects.requireNonNull(identifier)));
			case CableCommand.PONG -> extendedOnly(cable, () -> {
			});
			default -> this.refusals.disconnect(session, CableRefusals.UNKNOWN_COMMAND, "invalid_request", true);
		}
	}

	/**
	 * Run what only AnyCable's extended protocol has; in Rails' protocol it is an unknown
	 * command.
	 */
	private void extendedOnly(CableSession cable, Runnable command) {
		if (cable.extended()) {
			command.run();
		}
		else {
			this.refusals.disconnect(cable.socket(), CableRefusals.UNKNOWN_COMMAND, "invalid_request", true);
		}
	}

	/**
	 * Answer what the broker sends a cable session other than deliveries (which reach it
	 * already written): the RECEIPT of a SUBSCRIBE becomes its confirmation.
	 */
	@Override
	public void handleMessageToClient(WebSocketSession session, Message<?> message) throws Exception {
		StompHeaderAccessor frame = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (frame == null) {
			frame = StompHeaderAccessor.wrap(message);
		}
		String identifier = frame.getReceiptId();
		if (frame.getCommand() != StompCommand.RECEIPT || identifier == null
				|| !this.sessions.containsKey(session.getId())) {
			return;
		}
		if (frame.getFirstNativeHeader(ResumeReceipts.REPLAYED_HEADER) != null) {
			session.sendMessage(CableFrames.typed(identifier, "confirm_history"));
			return;
		}
		session.sendMessage(CableFrames.confirm(identifier));
		if ("false".equals(frame.getFirstNativeHeader(Resume.RECOVERED_HEADER))) {
			session.sendMessage(CableFrames.typed(identifier, "reject_history"));
		}
	}

	/**
	 * End a session the shared handler refuses (a client too slow for its replay) with a
	 * {@code disconnect} that asks it to reconnect.
	 */
	@Override
	public void refuse(WebSocketSession session, Refusal refusal) {
		this.refusals.cutOff(session, refusal);
	}

	@Override
	public @Nullable String resolveSessionId(Message<?> message) {
		return SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
	}

	@Override
	public void afterSessionEnded(WebSocketSession session, CloseStatus closeStatus, MessageChannel outputChannel) {
		CableSession cable = this.sessions.remove(session.getId());
		if (cable != null) {
			this.subscriptions.disconnect(cable);
		}
	}

	/**
	 * The open cable sessions.
	 * @return a snapshot of them
	 */
	List<CableSession> sessions() {
		return List.copyOf(this.sessions.values());
	}

	@Override
	public String toString() {
		return "CableProtocolHandler[" + PROTOCOL + "]";
	}

}
