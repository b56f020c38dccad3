package io.railside.stomp;

import java.security.Principal;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Ends a session whose client broke a rule: one ERROR frame with the rule's code (the
 * session closes after it), one log line, and every later frame of that session dropped,
 * while other sessions carry on.
 */
public class SessionRejector {

	private static final Log logger = LogFactory.getLog(SessionRejector.class);

	private static final String REJECTED = SessionRejector.class.getName() + ".rejected";

	/**
	 * The session attribute that names the session's user, for log lines written where
	 * only the WebSocket session is known.
	 */
	public static final String USER = SessionRejector.class.getName() + ".user";

	private final MessageChannel clientOutboundChannel;

	SessionRejector(MessageChannel clientOutboundChannel) {
		this.clientOutboundChannel = clientOutboundChannel;
	}

	/**
	 * Refuse the frame and close its session.
	 * @param frame the refused frame's headers
	 * @param rejection the code and sentence the client sees
	 */
	public void reject(StompHeaderAccessor frame, StompRejection rejection) {
		reject(frame.getSessionId(), frame.getSessionAttributes(), frame.getUser(), frame.getReceipt(), rejection);
	}

	/**
	 * Close a session for a reason of the server's (such as an expired token), not in
	 * answer to a frame.
	 * @param sessionId the session
	 * @param attributes the session's attributes
	 * @param user the session's user, if any
	 * @param receipt the receipt id of the refused frame, if it asked for one
	 * @param rejection the code and sentence the client sees
	 */
	public void reject(@Nullable String sessionId, @Nullable Map<String, Object> attributes, @Nullable Principal user,
			@Nullable String receipt, StompRejection rejection) {
		if (attributes != null) {
			attributes.put(REJECTED, Boolean.TRUE);
		}
		logger.info("Closing STOMP session " + sessionId + " (user " + ((user != null) ? user.getName() : "anonymous")
				+ "): " + rejection.code());
		this.clientOutboundChannel.send(ErrorFrames.of(rejection, sessionId, receipt));
	}

	/**
	 * Mark a session refused, so that every later frame of it is dropped.
	 * @param attributes the session's attributes
	 */
	static void markRejected(Map<String, Object> attributes) {
		attributes.put(REJECTED, Boolean.TRUE);
	}

	/**
	 * Whether the frame's session was already refused, so its frames are dropped.
	 * @param frame the frame's headers
	 * @return whether the session was refused
	 */
	public boolean isRejected(StompHeaderAccessor frame) {
		Map<String, Object> attributes = frame.getSessionAttributes();
		return attributes != null && attributes.containsKey(REJECTED);
	}

}
