package io.railside.cable;

import io.railside.fanout.CableNamespace;
import io.railside.limits.LimitProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;

/**
 * A cable session as the broker sees it: its start and end, and its subscriptions, each
 * turned into the SIMP message the broker acts on (CONNECT, SUBSCRIBE with the identifier
 * as subscription id and receipt, UNSUBSCRIBE, DISCONNECT), sent in order on the
 * session's inbound channel. A subscription the client may not have is rejected here,
 * before the broker hears of it.
 */
class CableSubscriptions {

	private static final Log logger = LogFactory.getLog(CableSubscriptions.class);

	private final CableChannels channels;

	private final CableRefusals refusals;

	private final LimitProperties limits;

	CableSubscriptions(CableChannels channels, CableRefusals refusals, LimitProperties limits) {
		this.channels = channels;
		this.refusals = refusals;
		this.limits = limits;
	}

	void connect(CableSession cable) {
		SimpMessageHeaderAccessor connect = headers(cable, SimpMessageType.CONNECT);
		connect.setHeader(SimpMessageHeaderAccessor.HEART_BEAT_HEADER, new long[] { 0, 0 });
		send(cable, connect);
	}

	void subscribe(CableSession cable, String identifier, @Nullable HistoryRequest history) {
		if (cable.identifiers().contains(identifier)) {
			// As Rails: a second subscribe with the same identifier changes nothing.
			logger.debug("Cable session " + cable.id() + " is already subscribed to " + identifier);
			return;
		}
		if (cable.identifiers().size() >= this.limits.subscriptions()) {
			this.refusals.reject(cable.socket(), identifier, CableRefusals.TOO_MANY_SUBSCRIPTIONS);
			return;
		}
		String stream = this.channels.streamOf(identifier, cable.user());
		if (stream == null) {
			this.refusals.reject(cable.socket(), identifier, CableRefusals.NOT_ALLOWED);
			return;
		}
		cable.identifiers().add(identifier);
		SimpMessageHeaderAccessor subscribe = headers(cable, SimpMessageType.SUBSCRIBE);
		subscribe.setDestination(CableNamespace.destination(stream));
		subscribe.setSubscriptionId(identifier);
		subscribe.setNativeHeader("receipt", identifier);
		if (history != null) {
			history.ask(stream, subscribe);
		}
		send(cable, subscribe);
	}

	void unsubscribe(CableSession cable, String identifier) {
		if (cable.identifiers().remove(identifier)) {
			SimpMessageHeaderAccessor unsubscribe = headers(cable, SimpMessageType.UNSUBSCRIBE);
			unsubscribe.setSubscriptionId(identifier);
			send(cable, unsubscribe);
		}
	}

	/**
	 * AnyCable's {@code history} command, which its clients send only after a session was
	 * restored; Railside restores no sessions, so there is no history to add to a
	 * subscription that is already live.
	 */
	void history(CableSession cable, String identifier) {
		CableRefusals.write(cable.socket(), CableFrames.typed(identifier, "reject_history"));
	}

	void disconnect(CableSession cable) {
		send(cable, headers(cable, SimpMessageType.DISCONNECT));
	}

	private static SimpMessageHeaderAccessor headers(CableSession cable, SimpMessageType type) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(type);
		headers.setSessionId(cable.id());
		headers.setSessionAttributes(cable.socket().getAttributes());
		headers.setUser(cable.user());
		headers.setHeader(CableNamespace.SESSION_HEADER, cable.extended());
		// Spring's ordered channel adds a header of its own.
		headers.setLeaveMutable(true);
		return headers;
	}

	private static void send(CableSession cable, SimpMessageHeaderAccessor headers) {
		cable.inbound().send(MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders()));
	}

}
