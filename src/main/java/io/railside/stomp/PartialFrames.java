package io.railside.stomp;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.sockjs.transport.SockJsSession;

/**
 * Lets the container hand STOMP frames over in parts. Spring's STOMP decoder already
 * buffers parts up to the frame limit, so a frame over the limit gets ERROR
 * {@code frame.too_large} instead of a bare 1009 close from the container, and the
 * container's per-session message buffer stays small (Spring would raise it to 16 KiB for
 * every session); only SockJS over WebSocket, which takes whole messages, gets one that
 * holds the largest frame. While a message is decoded, its session is known to the
 * thread, so that a frame refused before it parses is still logged with its session.
 */
class PartialFrames extends WebSocketHandlerDecorator {

	private static final ThreadLocal<WebSocketSession> decoding = new ThreadLocal<>();

	private final int maxFrameSize;

	PartialFrames(WebSocketHandler delegate, int maxFrameSize) {
		super(delegate);
		this.maxFrameSize = maxFrameSize;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		int containerBuffer = session.getTextMessageSizeLimit();
		super.afterConnectionEstablished(session);
		session.setTextMessageSizeLimit((session instanceof SockJsSession) ? this.maxFrameSize : containerBuffer);
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
		decoding.set(session);
		try {
			super.handleMessage(session, message);
		}
		finally {
			decoding.remove();
		}
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	/**
	 * The session whose message this thread is decoding, if any.
	 * @return the session or {@code null}
	 */
	static @Nullable WebSocketSession decoding() {
		return decoding.get();
	}

}
