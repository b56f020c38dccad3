package io.railside.sessions;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.railside.limits.LimitProperties;
import io.railside.stomp.EndpointProtocols;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.sockjs.transport.session.AbstractSockJsSession;

/**
 * Knows every open WebSocket session: by transport, against the budget of its endpoint
 * (STOMP's sessions and the echo's are counted apart, so the echo can never take STOMP's
 * places), and by client address. Its {@link HandshakeLimit}s turn away handshakes past
 * those limits; {@link GoingAway} closes them all at shutdown.
 */
public class SessionCount {

	static final String ADDRESS = SessionCount.class.getName() + ".address";

	private static final String ECHO = "echo ";

	private final Map<WebSocketSession, String> open = new ConcurrentHashMap<>();

	// Per address, and per address on the echo ("echo " + address); counted inside the
	// map's own atomic operations, so that a count going to zero and away never races
	// one going up.
	private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();

	private final AtomicInteger stomp = new AtomicInteger();

	private final AtomicInteger echo = new AtomicInteger();

	private final LimitProperties limits;

	private volatile boolean closing;

	SessionCount(LimitProperties limits) {
		this.limits = limits;
	}

	/**
	 * The handshake check of an endpoint: its budget, and the client's address.
	 * @param raw whether the endpoint is the raw echo rather than STOMP
	 * @return the interceptor to register on that endpoint
	 */
	public HandshakeInterceptor handshakes(boolean raw) {
		return raw ? new HandshakeLimit(this, true, this.echo, this.limits.echoSessions(), "limit.echo-sessions")
				: new HandshakeLimit(this, false, this.stomp, this.limits.sessions(), "limit.sessions");
	}

	int maxPerAddress() {
		return this.limits.sessionsPerAddress();
	}

	int maxEchoPerAddress() {
		return this.limits.echoSessionsPerAddress();
	}

	int openFrom(String address) {
		return this.byAddress.getOrDefault(address, 0);
	}

	int echoOpenFrom(String address) {
		return this.byAddress.getOrDefault(ECHO + address, 0);
	}

	boolean isClosing() {
		return this.closing;
	}

	/**
	 * The number of sessions open now.
	 * @return the count
	 */
	public int open() {
		return this.open.size();
	}

	/**
	 * The number of sessions open now on one transport.
	 * @param transport {@code websocket}, {@code sockjs}, {@code cable} or {@code echo}
	 * @return the count
	 */
	public long open(String transport) {
		return this.open.values().stream().filter(transport::equals).count();
	}

	/**
	 * The transports sessions are counted under.
	 * @return their names
	 */
	public static Set<String> transports() {
		return Set.of("websocket", "sockjs", "cable", "echo");
	}

	/**
	 * Wrap an endpoint's handler so that its sessions are counted.
	 * @param handler the endpoint's handler
	 * @param raw whether the endpoint is the raw echo rather than STOMP
	 * @return the counting handler
	 */
	public WebSocketHandler counting(WebSocketHandler handler, boolean raw) {
		AtomicInteger budget = raw ? this.echo : this.stomp;
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				if (SessionCount.this.open.put(session, transport(session, raw)) == null) {
					budget.incrementAndGet();
					count(address(session), raw, 1);
				}
				super.afterConnectionEstablished(session);
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
				if (SessionCount.this.open.remove(session) != null) {
					budget.decrementAndGet();
					count(address(session), raw, -1);
				}
				super.afterConnectionClosed(session, closeStatus);
			}

		};
	}

	private void count(String address, boolean raw, int change) {
		add(address, change);
		if (raw) {
			add(ECHO + address, change);
		}
	}

	private void add(String key, int change) {
		if (change > 0) {
			this.byAddress.merge(key, change, Integer::sum);
		}
		else {
			// Never below zero, and a count at zero leaves the map.
			this.byAddress.computeIfPresent(key, (address, count) -> (count + change > 0) ? count + change : null);
		}
	}

	private static String address(WebSocketSession session) {
		Object address = session.getAttributes().get(ADDRESS);
		return (address != null) ? (String) address : "unknown";
	}

	private static String transport(WebSocketSession session, boolean raw) {
		if (raw) {
			return "echo";
		}
		if (EndpointProtocols.defaultOf(session) != null) {
			return "cable";
		}
		return (session instanceof AbstractSockJsSession) ? "sockjs" : "websocket";
	}

	/**
	 * Refuse every handshake from now on: the application is shutting down.
	 */
	public void refuseNewHandshakes() {
		this.closing = true;
	}

	/**
	 * The sessions open now.
	 * @return a snapshot of them
	 */
	List<WebSocketSession> sessions() {
		return List.copyOf(this.open.keySet());
	}

}
