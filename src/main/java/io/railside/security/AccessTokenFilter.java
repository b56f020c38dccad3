package io.railside.security;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the {@code access_token} query parameter (or {@code jid}, as AnyCable's clients
 * send it on {@code /cable}) off {@code /stomp}, {@code /sockjs} and {@code /cable}
 * requests before anything else sees them, keeping it in a request attribute for the
 * handshake, and for no longer than the request. The WebSocket session's URI, which
 * Spring and Tomcat log, then never shows a token.
 */
class AccessTokenFilter extends OncePerRequestFilter {

	static final String ATTRIBUTE = AccessTokenFilter.class.getName() + ".token";

	private static final String PARAMETER = "access_token=";

	private static final String JID = "jid=";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		if (query == null || !(query.contains(PARAMETER) || query.contains(JID))) {
			chain.doFilter(request, response);
			return;
		}
		String token = null;
		StringBuilder rest = new StringBuilder();
		for (String pair : query.split("&")) {
			if (pair.startsWith(PARAMETER) || pair.startsWith(JID)) {
				token = URLDecoder.decode(pair.substring(pair.indexOf('=') + 1), StandardCharsets.UTF_8);
			}
			else {
				rest.append((rest.length() > 0) ? "&" : "").append(pair);
			}
		}
		if (token != null && !token.isBlank()) {
			request.setAttribute(ATTRIBUTE, new AccessToken(token));
		}
		try {
			chain.doFilter(new WithoutToken(request, (rest.length() > 0) ? rest.toString() : null), response);
		}
		finally {
			// Read by the handshake, if this request opened a session; gone either way.
			request.removeAttribute(ATTRIBUTE);
		}
	}

	/**
	 * The request as seen after the filter: no {@code access_token} in its query.
	 */
	private static final class WithoutToken extends HttpServletRequestWrapper {

		private final @Nullable String query;

		WithoutToken(HttpServletRequest request, @Nullable String query) {
			super(request);
			this.query = query;
		}

		@Override
		public @Nullable String getQueryString() {
			return this.query;
		}

		@Override
		public @Nullable String getParameter(String name) {
			return "access_token".equals(name) ? null : super.getParameter(name);
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return super.getParameterMap().entrySet()
				.stream()
				.filter((entry) -> !"access_token".equals(entry.getKey()))
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		}

		@Override
		public String @Nullable [] getParameterValues(String name) {
			return "access_token".equals(name) ? null : super.getParameterValues(name);
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(getParameterMap().keySet());
		}

	}

}
