package io.railside.system;

import java.io.IOException;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the WebSocket upgrade requests answered with an error status
 * ({@code railside.handshakes.refused}, by endpoint and status): 503 for a session limit
 * or a shutdown, 403 for an origin not allowed, 400 or 426 for a malformed upgrade, 500
 * for one that failed. Upgrade requests are not timed as HTTP requests (see
 * {@link MetricsConfiguration#handshakesUnobserved()}), so without this count an operator
 * would see refusals only in the log. SockJS's HTTP transports carry no {@code Upgrade}
 * header and stay in {@code http.server.requests}, refused or not.
 */
class RefusedHandshakes extends OncePerRequestFilter {

	static final String METER = "railside.handshakes.refused";

	private static final List<String> ENDPOINTS = List.of("stomp", "sockjs", "cable", "echo");

	private final MeterRegistry registry;

	RefusedHandshakes(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!isUpgrade(request)) {
			chain.doFilter(request, response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			count(request, HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
			throw ex;
		}
		if (response.getStatus() >= 400) {
			count(request, response.getStatus());
		}
	}

	/**
	 * Whether a request asks for a WebSocket upgrade: a handshake.
	 * @param request the request
	 * @return whether it does
	 */
	static boolean isUpgrade(HttpServletRequest request) {
		return "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
	}

	private void count(HttpServletRequest request, int status) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		this.registry.counter(METER, "endpoint", endpoint(path), "status", Integer.toString(status)).increment();
	}

	/**
	 * The endpoint a path belongs to, one of a few names ({@code other} for any other
	 * path), never the path itself: SockJS paths hold session ids, which would make a
	 * meter for each.
	 */
	static String endpoint(String path) {
		for (String endpoint : ENDPOINTS) {
			if (path.equals("/" + endpoint) || path.startsWith("/" + endpoint + "/")) {
				return endpoint;
			}
		}
		return "other";
	}

}
