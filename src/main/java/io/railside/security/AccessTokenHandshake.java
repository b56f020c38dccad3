package io.railside.security;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Hands on the token the {@link AccessTokenFilter} took off a {@code /stomp} or
 * {@code /sockjs} handshake URL, for the CONNECT that follows: for clients that cannot
 * set STOMP frame headers. The token moves from the request to the session's attributes,
 * and {@link ConnectAuthentication} takes it from there on CONNECT: it outlives neither.
 */
class AccessTokenHandshake implements HandshakeInterceptor {

	static final String ATTRIBUTE = AccessTokenHandshake.class.getName() + ".token";

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		if (request instanceof ServletServerHttpRequest servlet
				&& servlet.getServletRequest().getAttribute(AccessTokenFilter.ATTRIBUTE) instanceof AccessToken token) {
			servlet.getServletRequest().removeAttribute(AccessTokenFilter.ATTRIBUTE);
			attributes.put(ATTRIBUTE, token);
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

}
