package io.railside.limits;

import java.io.IOException;
import java.util.HashMap;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.sockjs.transport.session.AbstractSockJsSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link SessionCount}.
 */
class SessionCountTests {

	private final SessionCount count = new SessionCount(2);

	private final WebSocketHandler endpoint = mock();

	private final WebSocketHandler counting = this.count.counting(this.endpoint, false);

	@Test
	void countsSessionsFromOpenToClose() throws Exception {
		WebSocketSession first = mock();
		WebSocketSession second = mock();
		this.counting.afterConnectionEstablished(first);
		this.counting.afterConnectionEstablished(second);
		assertThat(this.count.open()).isEqualTo(2);
		this.counting.afterConnectionClosed(first, CloseStatus.NORMAL);
		assertThat(this.count.open()).isEqualTo(1);
		then(this.endpoint).should().afterConnectionEstablished(first);
		then(this.endpoint).should().afterConnectionClosed(first, CloseStatus.NORMAL);
	}

	@Test
	void countsSessionsByTransport() throws Exception {
		this.counting.afterConnectionEstablished(mock());
		this.count.counting(this.endpoint, true).afterConnectionEstablished(mock());
		this.count.counting(this.endpoint, false).afterConnectionEstablished(mock(AbstractSockJsSession.class));
		assertThat(this.count.open("websocket")).isOne();
		assertThat(this.count.open("echo")).isOne();
		assertThat(this.count.open("sockjs")).isOne();
		assertThat(this.count.open()).isEqualTo(3);
	}

	@Test
	void letsHandshakesThroughBelowTheLimit() throws Exception {
		this.counting.afterConnectionEstablished(mock());
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(handshake(response)).isTrue();
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Test
	void refusesAHandshakeAtTheLimitWithServiceUnavailable() throws Exception {
		this.counting.afterConnectionEstablished(mock());
		this.counting.afterConnectionEstablished(mock());
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(handshake(response)).isFalse();
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
	}

	@Test
	void letsAHandshakeThroughOnceASessionCloses() throws Exception {
		WebSocketSession first = mock();
		this.counting.afterConnectionEstablished(first);
		this.counting.afterConnectionEstablished(mock());
		assertThat(handshake(new MockHttpServletResponse())).isFalse();
		this.counting.afterConnectionClosed(first, CloseStatus.GOING_AWAY);
		assertThat(handshake(new MockHttpServletResponse())).isTrue();
	}

	@Test
	void freesAPlaceEvenWhenTheEndpointFailsOnClose() throws Exception {
		WebSocketSession session = mock();
		this.counting.afterConnectionEstablished(session);
		willThrow(new IllegalStateException("broken")).given(this.endpoint)
			.afterConnectionClosed(session, CloseStatus.SERVER_ERROR);
		assertThatIllegalStateException()
			.isThrownBy(() -> this.counting.afterConnectionClosed(session, CloseStatus.SERVER_ERROR));
		assertThat(this.count.open()).isZero();
	}

	private boolean handshake(MockHttpServletResponse servletResponse) throws IOException {
		ServletServerHttpResponse response = new ServletServerHttpResponse(servletResponse);
		boolean accepted = this.count.beforeHandshake(new ServletServerHttpRequest(new MockHttpServletRequest()),
				response, this.endpoint, new HashMap<>());
		response.flush();
		return accepted;
	}

}
