package io.railside.stomp;

import io.railside.refusal.Refusal;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Decides what a client sees when its frame cannot be handled: a stable code and one
 * sentence, never Spring's exception text, which would leak internal detail.
 */
class StompErrorHandler extends StompSubProtocolErrorHandler {

	private final long maxFrameSize;

	private final StompRefusals refusals;

	StompErrorHandler(long maxFrameSize, StompRefusals refusals) {
		this.maxFrameSize = maxFrameSize;
		this.refusals = refusals;
	}

	@Override
	public @Nullable Message<byte[]> handleClientMessageProcessingError(@Nullable Message<byte[]> clientMessage,
			Throwable ex) {
		String receipt = (clientMessage != null) ? StompHeaderAccessor.wrap(clientMessage).getReceipt() : null;
		return this.refusals.refuseUndecodable(PartialFrames.decoding(), receipt, classify(clientMessage, ex));
	}

	Refusal classify(@Nullable Message<byte[]> clientMessage, Throwable ex) {
		// Spring's decoder says "... exceeds limit ..." and has no type of its own for
		// it;
		// StompFrameFuzzTests and FrameSizeLimitIntegrationTests pin frame.too_large.
		if (ex instanceof StompConversionException && ex.getMessage() != null && ex.getMessage().contains("limit")) {
			return Refusal.ofSession("frame.too_large",
					"Frames may be at most " + this.maxFrameSize + " bytes long, headers included.");
		}
		if (clientMessage == null) {
			return Refusal.badFrame("The frame could not be read as STOMP.");
		}
		return Refusal.badFrame("The frame was not expected here: send CONNECT first, and only once.");
	}

}
