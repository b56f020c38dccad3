package io.railside.stomp;

import io.micrometer.core.instrument.Metrics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Decides what a client sees when its frame cannot be handled: a stable code and one
 * sentence, never Spring's exception text, which would leak internal detail.
 */
class StompErrorHandler extends StompSubProtocolErrorHandler {

	private static final Log logger = LogFactory.getLog(StompErrorHandler.class);

	private final long maxFrameSize;

	StompErrorHandler(long maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	@Override
	public @Nullable Message<byte[]> handleClientMessageProcessingError(@Nullable Message<byte[]> clientMessage,
			Throwable ex) {
		StompRejection rejection = classify(clientMessage, ex);
		String receipt = null;
		String sessionId = null;
		if (clientMessage != null) {
			StompHeaderAccessor frame = StompHeaderAccessor.wrap(clientMessage);
			receipt = frame.getReceipt();
			sessionId = frame.getSessionId();
		}
		WebSocketSession decoding = PartialFrames.decoding();
		if (decoding != null) {
			// Spring goes on with the frames decoded from the same message: they must not
			// pass.
			SessionRejector.markRejected(decoding.getAttributes());
			if (sessionId == null) {
				sessionId = decoding.getId();
			}
		}
		Object user = (decoding != null) ? decoding.getAttributes().get(SessionRejector.USER) : null;
		// Sent straight to the session, so the outbound channel's counter does not see
		// it.
		Metrics.counter("railside.stomp.errors", "code", rejection.code()).increment();
		logger.info("Closing STOMP session " + sessionId + " (user " + ((user != null) ? user : "anonymous") + "): "
				+ rejection.code());
		return ErrorFrames.of(rejection, null, receipt);
	}

	StompRejection classify(@Nullable Message<byte[]> clientMessage, Throwable ex) {
		if (ex instanceof StompConversionException && ex.getMessage() != null && ex.getMessage().contains("limit")) {
			return new StompRejection("frame.too_large",
					"Frames may be at most " + this.maxFrameSize + " bytes long, headers included.");
		}
		if (clientMessage == null) {
			return StompRejection.badFrame("The frame could not be read as STOMP.");
		}
		return StompRejection.badFrame("The frame was not expected here: send CONNECT first, and only once.");
	}

}
