package io.railside.sockjs;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.sockjs.transport.TransportType;

/**
 * A request path under {@code /sockjs}, read from the raw (still encoded) URI and kept
 * only when Spring's SockJS service would serve it and its ids are safe to log: the
 * server and session ids come from the client, and Spring and Railside write the session
 * id into log lines as it is.
 *
 * @param sessionId the SockJS session id, or {@code null} for the service's own paths
 * ({@code /info}, {@code /iframe.html}, raw {@code /websocket})
 * @param transport the SockJS transport, or {@code null} for the service's own paths
 */
record SockJsPath(@Nullable String sessionId, @Nullable TransportType transport) {

	/**
	 * Server and session ids: what SockJS clients send (sockjs-client three digits and
	 * eight of {@code [a-z0-5]}, Spring's {@code SockJsClient} a number and 32 hex
	 * digits), with room to spare, and nothing a terminal or log reader could act on.
	 */
	static final String ID = "[A-Za-z0-9_-]{1,64}";

	private static final Pattern SERVICE = Pattern.compile("/?|/info|/websocket|/iframe[0-9a-z._-]*\\.html");

	private static final Pattern SESSION = Pattern.compile("/" + ID + "/(" + ID + ")/([a-z_]{1,16})");

	private static final Set<TransportType> WAITING_TRANSPORTS = EnumSet.of(TransportType.XHR,
			TransportType.XHR_STREAMING, TransportType.EVENT_SOURCE, TransportType.HTML_FILE);

	/**
	 * Read the path after the endpoint's own.
	 * @param path the raw path after {@code /sockjs}
	 * @return the path, or {@code null} when it is not one to pass on
	 */
	static @Nullable SockJsPath parse(String path) {
		if (SERVICE.matcher(path).matches()) {
			return new SockJsPath(null, null);
		}
		Matcher session = SESSION.matcher(path);
		if (!session.matches()) {
			return null;
		}
		TransportType transport = TransportType.fromValue(session.group(2));
		return (transport != null) ? new SockJsPath(session.group(1), transport) : null;
	}

	/**
	 * Whether the request opens a session (if its id is new) that then waits between HTTP
	 * requests. WebSocket sessions close with their socket and never wait.
	 * @return whether the request is a receiving HTTP transport
	 */
	boolean mayOpenWaitingSession() {
		return this.transport != null && WAITING_TRANSPORTS.contains(this.transport);
	}

	/**
	 * Whether the request carries messages from the client in its body.
	 * @return whether the request is an {@code xhr_send}
	 */
	boolean sends() {
		return this.transport == TransportType.XHR_SEND;
	}

}
