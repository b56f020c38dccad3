package io.railside.sockjs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.socket.sockjs.transport.TransportType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SockJsPath}.
 */
class SockJsPathTests {

	@ParameterizedTest
	@ValueSource(strings = { "", "/", "/info", "/websocket", "/iframe.html", "/iframe-1.6.1.html" })
	void passesTheServicesOwnPaths(String path) {
		SockJsPath parsed = SockJsPath.parse(path);
		assertThat(parsed).isNotNull();
		assertThat(parsed.sessionId()).isNull();
		assertThat(parsed.mayOpenWaitingSession()).isFalse();
		assertThat(parsed.sends()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/123/abcdefgh/xhr", "/7/0f8e6a2c4b1d49e3a5c7b9d1f3e5a7c9/xhr_streaming",
			"/000/Session_id-0/eventsource", "/000/x/htmlfile" })
	void readsTheSessionIdsThatSockJsClientsSend(String path) {
		SockJsPath parsed = SockJsPath.parse(path);
		assertThat(parsed).isNotNull();
		assertThat(parsed.sessionId()).isEqualTo(path.split("/")[2]);
		assertThat(parsed.mayOpenWaitingSession()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/000/abc/xhr_send", "/000/abc/websocket" })
	void opensNoWaitingSessionWhenSendingOrOverWebSocket(String path) {
		SockJsPath parsed = SockJsPath.parse(path);
		assertThat(parsed).isNotNull();
		assertThat(parsed.mayOpenWaitingSession()).isFalse();
		assertThat(parsed.sends()).isEqualTo(parsed.transport() == TransportType.XHR_SEND);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/000/a%0d%0aINJECTED/xhr", "/000/a%1b%5b31mRED/xhr", "/0%0a0/abc/xhr", "/000/a.b/xhr",
			"/000/a;b/xhr", "/000//xhr", "//abc/xhr", "/000/abc/jsonp", "/000/abc/jsonp_send", "/000/abc/XHR",
			"/000/abc/xhr/more", "/000/abc", "/info/x", "/iframe.htm", "/%2e%2e/abc/xhr" })
	void refusesAnythingElse(String path) {
		assertThat(SockJsPath.parse(path)).isNull();
	}

	@ParameterizedTest
	@ValueSource(ints = { 65, 4096 })
	void refusesIdsLongerThan64Characters(int length) {
		assertThat(SockJsPath.parse("/000/" + "x".repeat(64) + "/xhr")).isNotNull();
		assertThat(SockJsPath.parse("/000/" + "x".repeat(length) + "/xhr")).isNull();
		assertThat(SockJsPath.parse("/" + "0".repeat(length) + "/abc/xhr")).isNull();
	}

}
