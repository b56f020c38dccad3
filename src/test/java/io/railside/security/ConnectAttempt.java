package io.railside.security;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.railside.stomp.StompTestSession.Frame;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import static org.assertj.core.api.Assertions.fail;

/**
 * A CONNECT over Spring's real STOMP client (WebSocket or SockJS) that the server may
 * refuse: where {@code StompTestSession} would only fail to connect, this keeps the ERROR
 * frame and notices the close.
 */
final class ConnectAttempt implements StompSessionHandler {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final BlockingQueue<Frame> errors = new LinkedBlockingQueue<>();

	private final CompletableFuture<Throwable> closed = new CompletableFuture<>();

	private @Nullable CompletableFuture<StompSession> session;

	private ConnectAttempt() {
	}

	static ConnectAttempt start(WebSocketClient client, String url, StompHeaders connect) {
		WebSocketStompClient stompClient = new WebSocketStompClient(client);
		stompClient.setMessageConverter(new StringMessageConverter());
		connect.setHeartbeat(new long[] { 0, 0 });
		ConnectAttempt attempt = new ConnectAttempt();
		attempt.session = stompClient.connectAsync(url, new WebSocketHttpHeaders(), connect, attempt);
		return attempt;
	}

	Frame awaitError() {
		try {
			Frame error = this.errors.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (error == null) {
				fail("No ERROR frame within " + TIMEOUT);
			}
			return error;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Wait for the server to close the connection.
	 * @return whether it closed within the time allowed
	 */
	boolean awaitClosed() {
		try {
			this.closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * Whether the server answered CONNECTED.
	 * @return whether the session is connected
	 */
	boolean isConnected() {
		return this.session != null && this.session.isDone() && !this.session.isCompletedExceptionally()
				&& this.session.join().isConnected();
	}

	void abort() {
		if (this.session != null) {
			this.session.thenAccept(StompSession::disconnect);
		}
	}

	@Override
	public void afterConnected(StompSession session, StompHeaders connectedHeaders) {
	}

	@Override
	public void handleFrame(StompHeaders headers, @Nullable Object payload) {
		this.errors.add(new Frame("ERROR", headers, (payload != null) ? (String) payload : ""));
	}

	@Override
	public Type getPayloadType(StompHeaders headers) {
		return String.class;
	}

	@Override
	public void handleException(StompSession session, @Nullable StompCommand command, StompHeaders headers,
			byte[] payload, Throwable exception) {
		this.closed.complete(exception);
	}

	@Override
	public void handleTransportError(StompSession session, Throwable exception) {
		this.closed.complete(exception);
	}

}
