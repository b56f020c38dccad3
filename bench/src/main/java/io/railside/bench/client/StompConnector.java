package io.railside.bench.client;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelFuture;

/**
 * Opens STOMP sessions over WebSocket: TCP, handshake with the STOMP subprotocols,
 * CONNECT, CONNECTED; each step bounded in time.
 */
public final class StompConnector {

	private static final String SUBPROTOCOLS = "v12.stomp,v11.stomp,v10.stomp";

	private final WebSocketConnector connector;

	private final Map<String, String> connectHeaders;

	public StompConnector(Transport transport, URI uri, Map<String, String> connectHeaders) {
		this.connector = new WebSocketConnector(transport, uri, SUBPROTOCOLS);
		this.connectHeaders = Map.copyOf(connectHeaders);
	}

	public CompletableFuture<StompSession> connect(MessageListener listener) {
		StompClientHandler handler = new StompClientHandler(this.connectHeaders, listener);
		ChannelFuture channel = this.connector.open(() -> handler);
		channel.addListener((future) -> {
			if (!future.isSuccess()) {
				handler.connected().completeExceptionally(future.cause());
			}
		});
		return handler.connected()
			.orTimeout(3L * WebSocketConnector.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
			.whenComplete((session, failure) -> {
				if (failure != null) {
					channel.channel().close();
				}
			});
	}

}
