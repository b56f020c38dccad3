package io.railside.echo;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import jakarta.websocket.Session;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * Sends every text and binary message back to its sender. Messages arrive in parts, so a
 * huge message is refused (1009) once it passes the limit instead of being buffered
 * whole.
 */
class EchoHandler extends AbstractWebSocketHandler {

	private final int maxMessageSize;

	private final Map<String, ByteArrayOutputStream> pending = new ConcurrentHashMap<>();

	private final Duration idleTimeout;

	EchoHandler(int maxMessageSize, Duration idleTimeout) {
		this.maxMessageSize = maxMessageSize;
		this.idleTimeout = idleTimeout;
	}

	/**
	 * An echo socket needs no token, so one left silent would hold its place for good:
	 * the container closes it once it has been idle for the limit.
	 */
	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		if (session instanceof NativeWebSocketSession nativeSession) {
			Session container = nativeSession.getNativeSession(Session.class);
			if (container != null) {
				container.setMaxIdleTimeout(this.idleTimeout.toMillis());
			}
		}
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
		byte[] whole = collect(session, message.asBytes(), message.isLast());
		if (whole != null) {
			session.sendMessage(new TextMessage(new String(whole, StandardCharsets.UTF_8)));
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
		ByteBuffer payload = message.getPayload();
		byte[] part = new byte[payload.remaining()];
		payload.get(part);
		byte[] whole = collect(session, part, message.isLast());
		if (whole != null) {
			session.sendMessage(new BinaryMessage(whole));
		}
	}

	private byte @Nullable [] collect(WebSocketSession session, byte[] part, boolean last) throws Exception {
		if (!session.isOpen()) {
			// The rest of a message that was already refused.
			return null;
		}
		ByteArrayOutputStream buffer = this.pending.computeIfAbsent(session.getId(),
				(id) -> new ByteArrayOutputStream());
		if (buffer.size() + part.length > this.maxMessageSize) {
			this.pending.remove(session.getId());
			session.close(
					CloseStatus.TOO_BIG_TO_PROCESS.withReason("Message larger than " + this.maxMessageSize + " bytes"));
			return null;
		}
		buffer.write(part);
		if (!last) {
			return null;
		}
		this.pending.remove(session.getId());
		return buffer.toByteArray();
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.pending.remove(session.getId());
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

}
