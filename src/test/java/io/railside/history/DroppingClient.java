package io.railside.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;

/**
 * A WebSocket client (plain or SockJS) that can drop its connection the way a lost
 * network does for STOMP: the transport goes, no DISCONNECT frame is sent. Spring's
 * {@code StompSession} offers only a polite disconnect, so this keeps hold of the
 * transport's session beneath it. Over SockJS's WebSocket transport the socket closes;
 * over XHR the client stops polling and the server finds the session gone after its
 * disconnect delay.
 */
final class DroppingClient implements WebSocketClient {

	private static final CloseStatus DROPPED = new CloseStatus(4000, "dropped");

	private final WebSocketClient delegate;

	private final AtomicReference<@Nullable WebSocketSession> session = new AtomicReference<>();

	DroppingClient(WebSocketClient delegate) {
		this.delegate = delegate;
	}

	@Override
	public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler, String uriTemplate,
			@Nullable Object... uriVariables) {
		return this.delegate.execute(handler, uriTemplate, uriVariables).thenApply(this::keep);
	}

	@Override
	public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler, @Nullable WebSocketHttpHeaders headers,
			URI uri) {
		return this.delegate.execute(handler, headers, uri).thenApply(this::keep);
	}

	private WebSocketSession keep(WebSocketSession opened) {
		this.session.set(opened);
		return opened;
	}

	/**
	 * End the transport without a STOMP DISCONNECT.
	 */
	void drop() {
		WebSocketSession open = this.session.getAndSet(null);
		if (open == null) {
			throw new IllegalStateException("Not connected");
		}
		try {
			// SockJS's client takes only 1000 and application codes.
			open.close(DROPPED);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
