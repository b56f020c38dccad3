package io.railside.stomp;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
		Map<String, Object> attributes = frame.getSessionAttributes();
		if (attributes != null) {
			attributes.put(REJECTED, Boolean.TRUE);
		}
		logger.info("Closing STOMP session " + frame.getSessionId() + " (user "
				+ ((frame.getUser() != null) ? frame.getUser().getName() : "anonymous") + "): " + rejection.code());
		this.clientOutboundChannel.send(ErrorFrames.of(rejection, frame.getSessionId(), frame.getReceipt()));
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
