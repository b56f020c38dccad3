package io.railside.bench.baseline;

import java.nio.charset.StandardCharsets;

import io.railside.bench.stomp.StompDecoder;
import io.railside.bench.stomp.StompFrame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Just enough STOMP for the benchmark: CONNECT (or STOMP) to CONNECTED, SUBSCRIBE,
 * UNSUBSCRIBE, SEND to every subscriber of the destination, DISCONNECT, and RECEIPT where
 * asked. No heart-beats, acknowledgements or transactions.
 */
final class StompHandler extends SimpleChannelInboundHandler<WebSocketFrame> implements StompDecoder.Sink {

	private final Topics topics;

	private final StompDecoder decoder = new StompDecoder();

	private ChannelHandlerContext ctx;

	StompHandler(Topics topics) {
		this.topics = topics;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
		this.decoder.decode(frame.content(), this);
	}

	@Override
	public void message(ByteBuf buffer, int bodyStart, int bodyEnd) {
		// Clients do not send MESSAGE frames.
	}

	@Override
	public void frame(StompFrame frame) {
		switch (frame.command()) {
			case "CONNECT", "STOMP" -> reply(StompFrame.of("CONNECTED", "version", "1.2", "heart-beat", "0,0"));
			case "SUBSCRIBE" ->
				this.topics.subscribe(frame.header("destination"), frame.header("id"), this.ctx.channel());
			case "UNSUBSCRIBE" -> this.topics.unsubscribe(frame.header("id"), this.ctx.channel());
			case "SEND" ->
				this.topics.publish(frame.header("destination"), frame.body().getBytes(StandardCharsets.UTF_8));
			case "DISCONNECT" -> {
				receipt(frame);
				this.ctx.close();
				return;
			}
			default -> {
				reply(StompFrame.of("ERROR", "message", "unsupported"));
				this.ctx.close();
				return;
			}
		}
		receipt(frame);
	}

	private void receipt(StompFrame frame) {
		if (frame.headers().containsKey("receipt")) {
			reply(StompFrame.of("RECEIPT", "receipt-id", frame.header("receipt")));
		}
	}

	private void reply(StompFrame frame) {
		this.ctx.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.encode())));
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		this.decoder.release();
		super.channelInactive(ctx);
	}

}
