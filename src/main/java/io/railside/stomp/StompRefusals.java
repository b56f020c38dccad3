package io.railside.stomp;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.railside.refusal.Refusal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketSession;

/**
 * The one place a STOMP refusal becomes what the client and the operator see: the ERROR
 * frame (the code in its {@code message} header, the sentence as its body, the receipt id
 * when the refused frame asked for one), one log line (session, user, code) and the
 * {@code railside.stomp.errors} metric by code. Every refusal comes here: a frame rule's,
 * a frame that does not parse, the server's own (an expired token, a missed CONNECT
 * deadline) and a broker's ERROR in Railside's words. A refused session's later frames
 * are dropped, and the session closes after its ERROR frame, while other sessions carry
 * on.
 */
public class StompRefusals {

	private static final Log logger = LogFactory.getLog(StompRefusals.class);

	/**
	 * The session attribute that names the session's user, for log lines written where
	 * only the WebSocket session is known.
	 */
	public static final String USER = StompRefusals.class.getName() + ".user";

	private static final String REFUSED = StompRefusals.class.getName() + ".refused";

	private static final MimeType TEXT_PLAIN = new MimeType(MimeTypeUtils.TEXT_PLAIN, StandardCharsets.UTF_8);

	private final MessageChannel clientOutboundChannel;

	private final ObjectProvider<MeterRegistry> meters;

	public StompRefusals(MessageChannel clientOutboundChannel, ObjectProvider<MeterRegistry> meters) {
		this.clientOutboundChannel = clientOutboundChannel;
		this.meters = meters;
	}

	/**
	 * Refuse a frame a rule found at fault, and end its session.
	 * @param frame the refused frame's headers
	 * @param refusal the code and sentence the client sees
	 */
	void refuse(StompHeaderAccessor frame, Refusal refusal) {
		refuse(frame.getSessionId(), frame.getSessionAttributes(), frame.getUser(), frame.getReceipt(), refusal);
	}

	/**
	 * End a session for a reason of the server's (an expired token, a missed deadline),
	 * not in answer to a frame.
	 * @param sessionId the session
	 * @param attributes the session's attributes
	 * @param user the session's user, if any
	 * @param refusal the code and sentence the client sees
	 */
	public void refuse(String sessionId, @Nullable Map<String, Object> attributes, @Nullable Principal user,
			Refusal refusal) {
		refuse(sessionId, attributes, user, null, refusal);
	}

	/**
	 * Refuse a frame whose outcome was known only after it was handled (a SEND that
	 * RabbitMQ did not take), and end its session.
	 * @param sessionId the session
	 * @param attributes the session's attributes
	 * @param user the session's user, if any
	 * @param receipt the receipt id the frame asked for, if any
	 * @param refusal the code and sentence the client sees
	 */
	public void refuse(@Nullable String sessionId, @Nullable Map<String, Object> attributes, @Nullable Principal user,
			@Nullable String receipt, Refusal refusal) {
		if (attributes != null) {
			attributes.put(REFUSED, Boolean.TRUE);
		}
		record(sessionId, (user != null) ? user.getName() : null, refusal);
		this.clientOutboundChannel.send(errorFrame(refusal, sessionId, receipt, user));
	}

	/**
	 * Refuse what could not be decoded as a frame. Spring sends the returned frame itself
	 * and goes on with the frames decoded from the same WebSocket message, so the session
	 * being decoded is marked refused first.
	 * @param decoding the session whose message is being decoded, if known
	 * @param receipt the receipt id of the refused frame, if it asked for one
	 * @param refusal the code and sentence the client sees
	 * @return the ERROR frame for Spring to send
	 */
	Message<byte[]> refuseUndecodable(@Nullable WebSocketSession decoding, @Nullable String receipt, Refusal refusal) {
		String user = null;
		if (decoding != null) {
			decoding.getAttributes().put(REFUSED, Boolean.TRUE);
			user = (String) decoding.getAttributes().get(USER);
		}
		record((decoding != null) ? decoding.getId() : null, user, refusal);
		return errorFrame(refusal, null, receipt, null);
	}

	/**
	 * Whether the frame's session was already refused, so its frames are dropped.
	 * @param frame the frame's headers
	 * @return whether the session was refused
	 */
	boolean isRefused(StompHeaderAccessor frame) {
		Map<String, Object> attributes = frame.getSessionAttributes();
		return attributes != null && attributes.containsKey(REFUSED);
	}

	private void record(@Nullable String sessionId, @Nullable String user, Refusal refusal) {
		logger.info("Closing STOMP session " + sessionId + " (user " + ((user != null) ? user : "anonymous") + "): "
				+ refusal.code());
		MeterRegistry registry = this.meters.getIfAvailable();
		if (registry != null) {
			registry.counter("railside.stomp.errors", "code", refusal.code()).increment();
		}
	}

	private static Message<byte[]> errorFrame(Refusal refusal, @Nullable String sessionId, @Nullable String receipt,
			@Nullable Principal user) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.ERROR);
		accessor.setMessage(refusal.code());
		accessor.setContentType(TEXT_PLAIN);
		if (sessionId != null) {
			accessor.setSessionId(sessionId);
		}
		if (receipt != null) {
			accessor.setReceiptId(receipt);
		}
		if (user != null) {
			accessor.setUser(user);
		}
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(refusal.sentence().getBytes(StandardCharsets.UTF_8),
				accessor.getMessageHeaders());
	}

}
