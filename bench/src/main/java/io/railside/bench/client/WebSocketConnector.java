package io.railside.bench.client;

import java.net.URI;
import java.util.function.Supplier;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import org.jspecify.annotations.Nullable;

/**
 * Opens WebSocket connections to one URL; the handler given for each connection sees the
 * handshake's completion as a user event and whole messages after it.
 */
public final class WebSocketConnector {

	/** How long TCP connect and the WebSocket handshake may each take. */
	public static final int TIMEOUT_MILLIS = 10_000;

	private static final int MAX_MESSAGE = 1024 * 1024;

	private final Bootstrap bootstrap;

	private final URI uri;

	private final @Nullable String subprotocols;

	public WebSocketConnector(Transport transport, URI uri, @Nullable String subprotocols) {
		this.uri = uri;
		this.subprotocols = subprotocols;
		this.bootstrap = new Bootstrap().group(transport.group())
			.channel(transport.channelType())
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, TIMEOUT_MILLIS);
	}

	public ChannelFuture open(Supplier<ChannelHandler> handler) {
		return this.bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {

			@Override
			protected void initChannel(SocketChannel channel) {
				ChannelPipeline pipeline = channel.pipeline();
				pipeline.addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024));
				pipeline.addLast(new WebSocketClientProtocolHandler(config()));
				pipeline.addLast(new WebSocketFrameAggregator(MAX_MESSAGE), handler.get());
			}

		}).connect(this.uri.getHost(), this.uri.getPort());
	}

	private WebSocketClientProtocolConfig config() {
		return WebSocketClientProtocolConfig.newBuilder()
			.webSocketUri(this.uri)
			.subprotocol(this.subprotocols)
			.version(WebSocketVersion.V13)
			.maxFramePayloadLength(MAX_MESSAGE)
			.handshakeTimeoutMillis(TIMEOUT_MILLIS)
			.generateOriginHeader(false)
			.dropPongFrames(true)
			// The generator reads every byte the servers send: spend no CPU re-checking
			// UTF-8.
			.withUTF8Validator(false)
			.build();
	}

}
