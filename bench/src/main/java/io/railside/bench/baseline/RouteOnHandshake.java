package io.railside.bench.baseline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;

/**
 * Puts the echo or the STOMP handler in its own place once the handshake says which path
 * the client opened.
 */
final class RouteOnHandshake extends ChannelInboundHandlerAdapter {

	private final Topics topics;

	RouteOnHandshake(Topics topics) {
		this.topics = topics;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event instanceof HandshakeComplete handshake) {
			boolean echo = handshake.requestUri().startsWith("/echo");
			ctx.pipeline()
				.replace(this, echo ? "echo" : "stomp", echo ? new EchoHandler() : new StompHandler(this.topics));
			return;
		}
		super.userEventTriggered(ctx, event);
	}

}
