package io.railside.stomp;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Lets the container hand STOMP frames over in parts. Spring's STOMP decoder already
 * buffers parts up to the frame limit, so a frame over the limit gets ERROR
 * {@code frame.too_large} instead of a bare 1009 close from the container.
 */
class PartialFrames extends WebSocketHandlerDecorator {

	PartialFrames(WebSocketHandler delegate) {
		super(delegate);
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

}
