package io.railside.stomp;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * Which sub-protocols an endpoint speaks. One session handler serves every endpoint and
 * picks a session's protocol handler by the negotiated sub-protocol, so each endpoint
 * offers only its own protocols at the handshake ({@code /stomp} STOMP's, {@code /cable}
 * Action Cable's) and names the one a client that asks for none gets.
 */
public final class EndpointProtocols {

	private static final String DEFAULT = EndpointProtocols.class.getName() + ".default";

	private EndpointProtocols() {
	}

	/**
	 * A handshake handler that negotiates only some of the session handler's protocols.
	 * @param offered which protocols the endpoint offers
	 * @return the handshake handler
	 */
	public static HandshakeHandler offering(Predicate<String> offered) {
		return new DefaultHandshakeHandler() {

			@Override
			protected @Nullable String selectProtocol(List<String> requested, WebSocketHandler handler) {
				return super.selectProtocol(requested.stream().filter(offered).toList(), handler);
			}

		};
	}

	/**
	 * A handshake interceptor that names the protocol of sessions that negotiated none.
	 * @param protocol the endpoint's default protocol
	 * @return the interceptor
	 */
	public static HandshakeInterceptor defaulting(String protocol) {
		return new HandshakeInterceptor() {

			@Override
			public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
					WebSocketHandler handler, Map<String, Object> attributes) {
				attributes.put(DEFAULT, protocol);
				return true;
			}

			@Override
			public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
					@Nullable Exception exception) {
			}

		};
	}

	/**
	 * The default protocol of the endpoint a session opened on.
	 * @param session the session
	 * @return the protocol, or {@code null} for STOMP's endpoints
	 */
	public static @Nullable String defaultOf(WebSocketSession session) {
		return (String) session.getAttributes().get(DEFAULT);
	}

}
