package io.railside.stomp;

import org.junit.jupiter.api.Test;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;
import org.springframework.web.socket.sockjs.transport.session.WebSocketServerSockJsSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

/**
 * Checks the per-session container buffer that {@link PartialFrames} leaves behind: small
 * for sessions that take frames in parts, the largest frame for SockJS.
 */
class PartialFramesTests {

	private static final int MAX_FRAME_SIZE = 64 * 1024;

	private final WebSocketHandler stompHandler = mock(WebSocketHandler.class);

	private final PartialFrames partialFrames = new PartialFrames(this.stompHandler, MAX_FRAME_SIZE);

	@Test
	void takesFramesInParts() {
		assertThat(this.partialFrames.supportsPartialMessages()).isTrue();
	}

	@Test
	void keepsTheContainersSmallBufferForAWebSocketSession() throws Exception {
		WebSocketSession session = mock(WebSocketSession.class);
		given(session.getTextMessageSizeLimit()).willReturn(1024);
		raisesTheBufferAsSpringDoes(session);
		this.partialFrames.afterConnectionEstablished(session);
		then(session).should().setTextMessageSizeLimit(StompSubProtocolHandler.MINIMUM_WEBSOCKET_MESSAGE_SIZE);
		then(session).should().setTextMessageSizeLimit(1024);
	}

	@Test
	void givesSockJsOverWebSocketABufferForTheLargestFrame() throws Exception {
		WebSocketServerSockJsSession session = mock(WebSocketServerSockJsSession.class);
		given(session.getTextMessageSizeLimit()).willReturn(1024);
		raisesTheBufferAsSpringDoes(session);
		this.partialFrames.afterConnectionEstablished(session);
		then(session).should().setTextMessageSizeLimit(MAX_FRAME_SIZE);
	}

	private void raisesTheBufferAsSpringDoes(WebSocketSession session) throws Exception {
		willAnswer((invocation) -> {
			session.setTextMessageSizeLimit(StompSubProtocolHandler.MINIMUM_WEBSOCKET_MESSAGE_SIZE);
			return null;
		}).given(this.stompHandler).afterConnectionEstablished(session);
	}

}
