package io.railside.stomp;

import java.nio.charset.StandardCharsets;

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
 */
final class ErrorFrames {

	private static final MimeType TEXT_PLAIN = new MimeType(MimeTypeUtils.TEXT_PLAIN, StandardCharsets.UTF_8);

	private ErrorFrames() {
	}

	static Message<byte[]> of(StompRejection rejection, @Nullable String sessionId, @Nullable String receipt) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.ERROR);
		accessor.setMessage(rejection.code());
		accessor.setContentType(TEXT_PLAIN);
		if (sessionId != null) {
			accessor.setSessionId(sessionId);
		}
		if (receipt != null) {
			accessor.setReceiptId(receipt);
		}
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(rejection.sentence().getBytes(StandardCharsets.UTF_8),
				accessor.getMessageHeaders());
	}

}
