package io.railside.bench.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.railside.bench.load.Payload;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;

/**
 * A raw WebSocket connection to an echo endpoint: sends payloads as text messages and
 * hands each echoed message to its listener.
 */
public final class EchoConnection {

	private final Channel channel;

	private EchoConnection(Channel channel) {
		this.channel = channel;
	}

	public static CompletableFuture<EchoConnection> open(WebSocketConnector connector, MessageListener listener) {
		CompletableFuture<EchoConnection> open = new CompletableFuture<>();
		ChannelFuture channel = connector.open(() -> new Handler(open, listener));
		channel.addListener((future) -> {
			if (!future.isSuccess()) {
				open.completeExceptionally(future.cause());
			}
		});
		return open.orTimeout(2L * WebSocketConnector.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
	}

	public void send(Payload payload) {
		ByteBuf message = this.channel.alloc().buffer(Payload.SIZE);
		payload.writeTo(message);
		this.channel.writeAndFlush(new TextWebSocketFrame(message));
	}

	public void close() {
		this.channel.close();
	}

	private static final class Handler extends SimpleChannelInboundHandler<TextWebSocketFrame> {

		private final CompletableFuture<EchoConnection> open;

		private final MessageListener listener;

		Handler(CompletableFuture<EchoConnection> open, MessageListener listener) {
			this.open = open;
			this.listener = listener;
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
			if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
				this.open.complete(new EchoConnection(ctx.channel()));
			}
			super.userEventTriggered(ctx, event);
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame message) {
			ByteBuf content = message.content();
			this.listener.onMessage(content, content.readerIndex(), content.writerIndex());
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			this.open.completeExceptionally(cause);
			ctx.close();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) throws Exception {
			this.open.completeExceptionally(new ConnectFailure("closed before the handshake"));
			super.channelInactive(ctx);
		}

	}

}
