package io.railside.bench.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.railside.bench.stomp.StompDecoder;
import io.railside.bench.stomp.StompFrame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Sends CONNECT once the handshake is done, completes with the session on CONNECTED, then
 * hands MESSAGE bodies to the session's listener.
 */
final class StompClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> implements StompDecoder.Sink {

	private final Map<String, String> connectHeaders;

	private final MessageListener listener;

	private final CompletableFuture<StompSession> connected = new CompletableFuture<>();

	private final StompDecoder decoder = new StompDecoder();

	private StompSession session;

	StompClientHandler(Map<String, String> connectHeaders, MessageListener listener) {
		this.connectHeaders = connectHeaders;
		this.listener = listener;
	}

	CompletableFuture<StompSession> connected() {
		return this.connected;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.session = new StompSession(ctx.channel(), this.listener);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
			this.session.send(connectFrame());
		}
		else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
			fail(ctx, new ConnectFailure("handshake timeout"));
		}
		super.userEventTriggered(ctx, event);
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
		this.decoder.decode(frame.content(), this);
	}

	@Override
	public void message(ByteBuf buffer, int bodyStart, int bodyEnd) {
		this.session.listener().onMessage(buffer, bodyStart, bodyEnd);
	}

	@Override
	public void message(ByteBuf buffer, int frameStart, int bodyStart, int bodyEnd) {
		this.session.listener().onMessage(buffer, frameStart, bodyStart, bodyEnd);
	}

	@Override
	public void frame(StompFrame frame) {
		if ("CONNECTED".equals(frame.command())) {
			this.connected.complete(this.session);
			return;
		}
		this.session.frameListener().accept(frame);
		if ("ERROR".equals(frame.command())) {
			this.connected.completeExceptionally(new ConnectFailure("ERROR " + frame.header("message")));
			this.session.close();
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		fail(ctx, cause);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		this.connected.completeExceptionally(new ConnectFailure("closed before CONNECTED"));
		this.decoder.release();
		super.channelInactive(ctx);
	}

	private void fail(ChannelHandlerContext ctx, Throwable cause) {
		this.connected.completeExceptionally(cause);
		ctx.close();
	}

	private StompFrame connectFrame() {
		List<String> headers = new ArrayList<>(
				List.of("accept-version", "1.2,1.1,1.0", "host", "/", "heart-beat", "0,0"));
		this.connectHeaders.forEach((name, value) -> {
			headers.add(name);
			headers.add(value);
		});
		return StompFrame.of("CONNECT", headers.toArray(String[]::new));
	}

}
