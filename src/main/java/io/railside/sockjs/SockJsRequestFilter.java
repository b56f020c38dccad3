package io.railside.sockjs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.railside.refusal.RefusalLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.socket.CloseStatus;

/**
 * Checks every request of the SockJS endpoint before Spring's SockJS service reads it, in
 * this order: a path whose ids are not safe to log gets 404, a request that would open
 * one more session waiting for its next request than allowed gets 503, and an
 * {@code xhr_send} whose body passes the bound gets 413 (and its session is closed, as a
 * WebSocket session is after {@code frame.too_large}). Each answer is a stable code and
 * one sentence in plain text; other sessions are not touched.
 */
class SockJsRequestFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(SockJsRequestFilter.class);

	private final RefusalLog sessionLog = new RefusalLog(logger, "SockJS session");

	private final RefusalLog sendLog = new RefusalLog(logger, "SockJS send");

	private final String endpoint;

	private final SockJsSessions sessions;

	private final int sendLimit;

	SockJsRequestFilter(String endpoint, SockJsSessions sessions, int sendLimit) {
		this.endpoint = endpoint;
		this.sessions = sessions;
		this.sendLimit = sendLimit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SockJsPath path = SockJsPath.parse(pathWithinEndpoint(request));
		if (path == null) {
			refuse(response, HttpStatus.NOT_FOUND, "sockjs.bad_path",
					"Not a SockJS path, or its ids are not 1 to 64 letters, digits, '-' or '_'.");
			return;
		}
		String sessionId = path.sessionId();
		if (sessionId != null && path.mayOpenWaitingSession() && !this.sessions.admits(sessionId)) {
			refuseSession(response);
			return;
		}
		if (sessionId != null && path.sends() && HttpMethod.POST.matches(request.getMethod())) {
			byte[] body = SendBody.read(request, this.sendLimit);
			if (body == null) {
				refuseSend(request, response, sessionId);
				return;
			}
			chain.doFilter(SendBody.replay(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private String pathWithinEndpoint(HttpServletRequest request) {
		String uri = request.getRequestURI();
		int start = request.getContextPath().length() + this.endpoint.length();
		return (uri.length() >= start) ? uri.substring(start) : uri;
	}

	private void refuseSession(HttpServletResponse response) throws IOException {
		this.sessionLog.refused(
				": " + this.sessions.maxWaiting() + " sessions wait for their next request (limit.sockjs_sessions)");
		response.setHeader("Retry-After", "5");
		refuse(response, HttpStatus.SERVICE_UNAVAILABLE, "limit.sockjs_sessions",
				"Too many SockJS sessions are open without a request; try again shortly.");
	}

	private void refuseSend(HttpServletRequest request, HttpServletResponse response, String sessionId)
			throws IOException {
		this.sendLog.refused(
				"over " + this.sendLimit + " bytes and closed SockJS session " + sessionId + " (sockjs.too_large)");
		this.sessions.close(sessionId, new ServletServerHttpRequest(request).getRemoteAddress(),
				CloseStatus.TOO_BIG_TO_PROCESS);
		// The rest of the body is not wanted: no reading it to reuse the connection
		response.setHeader(HttpHeaders.CONNECTION, "close");
		refuse(response, HttpStatus.CONTENT_TOO_LARGE, "sockjs.too_large",
				"A SockJS send may carry at most " + this.sendLimit + " bytes.");
	}

	private static void refuse(HttpServletResponse response, HttpStatus status, String code, String sentence)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.TEXT_PLAIN_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.getWriter().write(code + ": " + sentence + "\n");
	}

}
