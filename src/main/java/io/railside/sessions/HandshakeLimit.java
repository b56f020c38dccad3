package io.railside.sessions;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.railside.refusal.RefusalLog;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Turns away an endpoint's handshakes with 503 and {@code Retry-After} while its budget
 * is spent, while the client's address holds its share, or while the application shuts
 * down, so that a flood of connections from one place can neither take the memory open
 * sessions need nor the places other clients need. Handshakes in flight at the same
 * moment may pass a limit by their number, never more.
 */
class HandshakeLimit implements HandshakeInterceptor {

	private final RefusalLog log = new RefusalLog(LogFactory.getLog(SessionCount.class), "WebSocket handshake");

	private final SessionCount sessions;

	private final boolean echo;

	private final AtomicInteger budget;

	private final int max;

	private final String name;

	HandshakeLimit(SessionCount sessions, boolean echo, AtomicInteger budget, int max, String name) {
		this.sessions = sessions;
		this.echo = echo;
		this.budget = budget;
		this.max = max;
		this.name = name;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		if (this.sessions.isClosing()) {
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			return false;
		}
		String address = ClientAddress.of(request);
		if (this.budget.get() >= this.max) {
			return refuse(response, "from " + address + ": " + this.max + " sessions are open (" + this.name + ")");
		}
		if (this.sessions.openFrom(address) >= this.sessions.maxPerAddress()) {
			return refuse(response, "from " + address + ": " + this.sessions.maxPerAddress()
					+ " sessions are open from that address (limit.sessions-per-address)");
		}
		if (this.echo && this.sessions.echoOpenFrom(address) >= this.sessions.maxEchoPerAddress()) {
			return refuse(response, "from " + address + ": " + this.sessions.maxEchoPerAddress()
					+ " echo sockets are open from that address (limit.echo-sessions-per-address)");
		}
		attributes.put(SessionCount.ADDRESS, address);
		return true;
	}

	private boolean refuse(ServerHttpResponse response, String why) {
		this.log.refused(why);
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		response.getHeaders().set("Retry-After", "5");
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

}
