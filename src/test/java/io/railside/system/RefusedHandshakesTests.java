package io.railside.system;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RefusedHandshakesTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final RefusedHandshakes filter = new RefusedHandshakes(this.registry);

	@Test
	void countsAHandshakeAnsweredWithAnErrorByEndpointAndStatus() throws Exception {
		handle(upgrade("/stomp"), 503);
		handle(upgrade("/stomp"), 503);
		handle(upgrade("/cable"), 403);

		assertThat(count("stomp", "503")).isEqualTo(2);
		assertThat(count("cable", "403")).isEqualTo(1);
	}

	@Test
	void leavesAcceptedHandshakesAndOtherRequestsUncounted() throws Exception {
		handle(upgrade("/stomp"), 101);
		MockHttpServletRequest plain = new MockHttpServletRequest("POST", "/api/v1/publish");
		handle(plain, 401);

		assertThat(this.registry.find(RefusedHandshakes.METER).counters()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "/stomp, stomp", "/sockjs/123/abcdef/websocket, sockjs", "/cable, cable", "/echo, echo",
			"/stompish, other", "/, other" })
	void namesTheEndpointNeverThePath(String path, String endpoint) {
		assertThat(RefusedHandshakes.endpoint(path)).isEqualTo(endpoint);
	}

	private static MockHttpServletRequest upgrade(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.addHeader("Upgrade", "WebSocket");
		request.addHeader("Connection", "Upgrade");
		return request;
	}

	private void handle(MockHttpServletRequest request, int status) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		FilterChain answering = new MockFilterChain() {

			@Override
			public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
				((MockHttpServletResponse) res).setStatus(status);
			}

		};
		this.filter.doFilter(request, response, answering);
	}

	private double count(String endpoint, String status) {
		return this.registry.get(RefusedHandshakes.METER)
			.tag("endpoint", endpoint)
			.tag("status", status)
			.counter()
			.count();
	}

}
