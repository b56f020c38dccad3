package io.railside.stomp;

import java.nio.charset.StandardCharsets;
import java.security.Principal;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * Builds the ERROR frames clients see: the code in the {@code message} header, the
 * sentence as a plain-text body, and the receipt id when the refused frame asked for one.
 * Frames built here carry an internal mark (never sent to the client), so that ERROR
 * frames from elsewhere, such as a broker, can be told apart and translated.
 */
public final class ErrorFrames {

	private static final String MARK = ErrorFrames.class.getName();

	private static final MimeType TEXT_PLAIN = new MimeType(MimeTypeUtils.TEXT_PLAIN, StandardCharsets.UTF_8);

	private ErrorFrames() {
	}

	static Message<byte[]> of(StompRejection rejection, @Nullable String sessionId, @Nullable String receipt) {
		return of(rejection, sessionId, receipt, null);
	}

	/**
	 * An ERROR frame for a session.
	 * @param rejection the code and sentence
	 * @param sessionId the session it goes to
	 * @param receipt the receipt id of the refused frame, if it asked for one
	 * @param user the session's user, if any
	 * @return the frame, ready for the client outbound channel
	 */
	public static Message<byte[]> of(StompRejection rejection, @Nullable String sessionId, @Nullable String receipt,
			@Nullable Principal user) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.ERROR);
		accessor.setMessage(rejection.code());
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
		accessor.setHeader(MARK, Boolean.TRUE);
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(rejection.sentence().getBytes(StandardCharsets.UTF_8),
				accessor.getMessageHeaders());
	}

	/**
	 * Whether an ERROR frame was built by Railside.
	 * @param message the frame
	 * @return whether it carries Railside's mark
	 */
	public static boolean isRailsides(Message<?> message) {
		return message.getHeaders().containsKey(MARK);
	}

}
