package io.railside.cable;

import java.io.IOException;

import io.micrometer.core.instrument.MeterRegistry;
import io.railside.refusal.Refusal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The one place that refuses a cable client, as Rails' server would answer it: a
 * {@code reject_subscription} for a subscription it may not have, a {@code disconnect}
 * with a reason for the session; each with a log line and the
 * {@code railside.cable.refusals} counter by code. Nothing else is disturbed: other
 * sessions and this session's other subscriptions carry on.
 */
class CableRefusals {

	static final Refusal NOT_ALLOWED = new Refusal("forbidden",
			"This channel or stream is not one this client may subscribe to.", Refusal.Ends.SUBSCRIPTION);

	static final Refusal TOO_MANY_SUBSCRIPTIONS = new Refusal("limit.subscriptions",
			"This connection has as many subscriptions as it may have.", Refusal.Ends.SUBSCRIPTION);

	static final Refusal BAD_COMMAND = Refusal.badFrame("A command is a JSON object with a command and an identifier.");

	static final Refusal UNKNOWN_COMMAND = Refusal
		.badFrame("Commands are subscribe, unsubscribe and message (and history and pong in the extended protocol).");

	static final Refusal RATE_LIMITED = Refusal.ofSession("rate_limited", "This connection sent commands too fast.");

	private static final Log logger = LogFactory.getLog(CableRefusals.class);

	private final ObjectProvider<MeterRegistry> meters;

	CableRefusals(ObjectProvider<MeterRegistry> meters) {
		this.meters = meters;
	}

	/**
	 * Reject one subscription; the session stays.
	 * @param session the session
	 * @param identifier the subscription's identifier, as the client sent it
	 * @param refusal why
	 */
	void reject(WebSocketSession session, String identifier, Refusal refusal) {
		record(session, refusal, "Rejecting a subscription of");
		write(session, CableFrames.reject(identifier));
	}

	/**
	 * End the session with Action Cable's {@code disconnect}.
	 * @param session the session
	 * @param refusal why
	 * @param reason the reason the client reads
	 * @param reconnect whether the client should reconnect
	 */
	void disconnect(WebSocketSession session, Refusal refusal, String reason, boolean reconnect) {
		record(session, refusal, "Closing");
		write(session, CableFrames.disconnect(reason, reconnect));
		close(session, CloseStatus.NORMAL);
	}

	/**
	 * End a session that cannot keep up: told to reconnect if its send buffer still takes
	 * the frame, and closed at once either way (a slow reader would never drain).
	 * @param session the session
	 * @param refusal why
	 */
	void cutOff(WebSocketSession session, Refusal refusal) {
		record(session, refusal, "Closing");
		write(session, CableFrames.disconnect(refusal.code(), true));
		close(session, CloseStatus.SESSION_NOT_RELIABLE);
	}

	private void record(WebSocketSession session, Refusal refusal, String what) {
		logger.info(what + " cable session " + session.getId() + ": " + refusal.code());
		MeterRegistry registry = this.meters.getIfAvailable();
		if (registry != null) {
			registry.counter("railside.cable.refusals", "code", refusal.code()).increment();
		}
	}

	static void write(WebSocketSession session, TextMessage frame) {
		try {
			session.sendMessage(frame);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not write to cable session " + session.getId(), ex);
		}
	}

	private static void close(WebSocketSession session, CloseStatus status) {
		try {
			session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not close cable session " + session.getId(), ex);
		}
	}

}
