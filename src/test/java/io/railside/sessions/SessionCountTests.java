package io.railside.sessions;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.railside.limits.LimitProperties;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.sockjs.transport.session.AbstractSockJsSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link SessionCount} and its {@link HandshakeLimit}s: two STOMP places, two
 * echo places, three per address.
 */
class SessionCountTests {

	private final SessionCount count = new SessionCount(limits(2, 3, 2));

	private final WebSocketHandler endpoint = mock();

	private final WebSocketHandler stomp = this.count.counting(this.endpoint, false);

	private final WebSocketHandler echo = this.count.counting(this.endpoint, true);

	@Test
	void countsSessionsFromOpenToClose() throws Exception {
		WebSocketSession first = session("10.0.0.1");
		WebSocketSession second = session("10.0.0.1");
		this.stomp.afterConnectionEstablished(first);
		this.stomp.afterConnectionEstablished(second);
		assertThat(this.count.open()).isEqualTo(2);
		assertThat(this.count.openFrom("10.0.0.1")).isEqualTo(2);
		this.stomp.afterConnectionClosed(first, CloseStatus.NORMAL);
		assertThat(this.count.open()).isEqualTo(1);
		assertThat(this.count.openFrom("10.0.0.1")).isEqualTo(1);
		then(this.endpoint).should().afterConnectionEstablished(first);
		then(this.endpoint).should().afterConnectionClosed(first, CloseStatus.NORMAL);
	}

	@Test
	void countsSessionsByTransport() throws Exception {
		this.stomp.afterConnectionEstablished(session("10.0.0.1"));
		this.echo.afterConnectionEstablished(session("10.0.0.1"));
		AbstractSockJsSession sockJs = mock();
		given(sockJs.getAttributes()).willReturn(new HashMap<>());
		this.stomp.afterConnectionEstablished(sockJs);
		assertThat(this.count.open("websocket")).isOne();
		assertThat(this.count.open("echo")).isOne();
		assertThat(this.count.open("sockjs")).isOne();
		assertThat(this.count.open()).isEqualTo(3);
	}

	@Test
	void letsHandshakesThroughBelowTheLimit() throws Exception {
		this.stomp.afterConnectionEstablished(session("10.0.0.1"));
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(handshake(false, "10.0.0.1", response)).isTrue();
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Test
	void refusesAHandshakeAtTheLimitWithServiceUnavailable() throws Exception {
		this.stomp.afterConnectionEstablished(session("10.0.0.1"));
		this.stomp.afterConnectionEstablished(session("10.0.0.2"));
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(handshake(false, "10.0.0.3", response)).isFalse();
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
	}

	@Test
	void refusesEveryHandshakeWithServiceUnavailableOnceShuttingDown() throws Exception {
		this.count.refuseNewHandshakes();
		for (boolean echo : new boolean[] { false, true }) {
			MockHttpServletResponse response = new MockHttpServletResponse();
			assertThat(handshake(echo, "10.0.0.1", response)).isFalse();
			assertThat(response.getStatus()).isEqualTo(503);
		}
	}

	@Test
	void echoSocketsNeverTakeStompPlaces() throws Exception {
		this.echo.afterConnectionEstablished(session("10.0.0.1"));
		this.echo.afterConnectionEstablished(session("10.0.0.2"));
		assertThat(handshake(true, "10.0.0.3", new MockHttpServletResponse())).isFalse();
		assertThat(handshake(false, "10.0.0.3", new MockHttpServletResponse())).isTrue();
	}

	@Test
	void refusesAHandshakeFromAnAddressThatHoldsItsShare() throws Exception {
		this.stomp.afterConnectionEstablished(session("10.0.0.1"));
		this.echo.afterConnectionEstablished(session("10.0.0.1"));
		this.echo.afterConnectionEstablished(session("10.0.0.1"));
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(handshake(false, "10.0.0.1", response)).isFalse();
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(handshake(false, "10.0.0.2", new MockHttpServletResponse())).isTrue();
	}

	@Test
	void oneAddressFillsNoMoreThanItsShareOfTheEcho() throws Exception {
		SessionCount roomy = new SessionCount(limits(10, 10, 10));
		WebSocketHandler echo = roomy.counting(this.endpoint, true);
		echo.afterConnectionEstablished(session("10.0.0.9"));
		echo.afterConnectionEstablished(session("10.0.0.9"));
		assertThat(handshake(roomy, true, "10.0.0.9")).isFalse();
		assertThat(handshake(roomy, true, "10.0.0.10")).isTrue();
		assertThat(handshake(roomy, false, "10.0.0.9")).isTrue();
	}

	@Test
	void remembersTheAddressOfAnAcceptedHandshakeForTheSession() throws Exception {
		Map<String, Object> attributes = new HashMap<>();
		handshake(false, "2001:db8:1:2:3:4:5:6", new MockHttpServletResponse(), attributes);
		assertThat(attributes).containsEntry(SessionCount.ADDRESS, "2001:db8:1:2::/64");
	}

	@Test
	void letsAHandshakeThroughOnceASessionCloses() throws Exception {
		WebSocketSession first = session("10.0.0.1");
		this.stomp.afterConnectionEstablished(first);
		this.stomp.afterConnectionEstablished(session("10.0.0.2"));
		assertThat(handshake(false, "10.0.0.3", new MockHttpServletResponse())).isFalse();
		this.stomp.afterConnectionClosed(first, CloseStatus.GOING_AWAY);
		assertThat(handshake(false, "10.0.0.3", new MockHttpServletResponse())).isTrue();
	}

	@Test
	void freesAPlaceEvenWhenTheEndpointFailsOnClose() throws Exception {
		WebSocketSession session = session("10.0.0.1");
		this.stomp.afterConnectionEstablished(session);
		willThrow(new IllegalStateException("broken")).given(this.endpoint)
			.afterConnectionClosed(session, CloseStatus.SERVER_ERROR);
		assertThatIllegalStateException()
			.isThrownBy(() -> this.stomp.afterConnectionClosed(session, CloseStatus.SERVER_ERROR));
		assertThat(this.count.open()).isZero();
		assertThat(this.count.openFrom("10.0.0.1")).isZero();
	}

	private static WebSocketSession session(String address) {
		WebSocketSession session = mock();
		Map<String, Object> attributes = new HashMap<>();
		attributes.put(SessionCount.ADDRESS, address);
		given(session.getAttributes()).willReturn(attributes);
		return session;
	}

	private boolean handshake(boolean raw, String address, MockHttpServletResponse servletResponse) throws Exception {
		return handshake(raw, address, servletResponse, new HashMap<>());
	}

	private static boolean handshake(SessionCount count, boolean raw, String address) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(address);
		ServletServerHttpResponse response = new ServletServerHttpResponse(new MockHttpServletResponse());
		return count.handshakes(raw)
			.beforeHandshake(new ServletServerHttpRequest(request), response, mock(), new HashMap<>());
	}

	private boolean handshake(boolean raw, String address, MockHttpServletResponse servletResponse,
			Map<String, Object> attributes) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(address);
		ServletServerHttpResponse response = new ServletServerHttpResponse(servletResponse);
		boolean accepted = this.count.handshakes(raw)
			.beforeHandshake(new ServletServerHttpRequest(request), response, this.endpoint, attributes);
		response.flush();
		return accepted;
	}

	static LimitProperties limits(int sessions, int perAddress, int echoSessions) {
		return new LimitProperties(100, 50, 200, 32, 8192, sessions, Duration.ofSeconds(10), DataSize.ofKilobytes(512),
				perAddress, 100, Duration.ofSeconds(10), echoSessions, Duration.ofSeconds(60), 1000,
				Duration.ofSeconds(5), DataSize.ofKilobytes(64), DataSize.ofKilobytes(256), 2);
	}

}
