package io.railside.bench.baseline;

import io.railside.bench.Options;
import io.railside.bench.client.Transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The raw baseline: a Netty WebSocket server that understands just enough STOMP to
 * broadcast (CONNECT, SUBSCRIBE, SEND to MESSAGE), encoding each message once and writing
 * it to every subscriber, plus a raw echo on {@code /echo}. What it reaches is the
 * practical limit of this machine for the generator's traffic.
 */
public final class NettyBaselineServer {

	private static final int MAX_FRAME = 64 * 1024;

	private NettyBaselineServer() {
	}

	public static void main(Options options) throws InterruptedException {
		int port = options.getInt("port", 18082);
		Topics topics = new Topics();
		try (Transport transport = Transport.create(2)) {
			Channel server = new ServerBootstrap().group(transport.group())
				.channel(transport.serverChannelType())
				.option(ChannelOption.SO_BACKLOG, 4096)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<Channel>() {

					@Override
					protected void initChannel(Channel channel) {
						ChannelPipeline pipeline = channel.pipeline();
						pipeline.addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_FRAME));
						pipeline.addLast(new WebSocketServerProtocolHandler(config()));
						pipeline.addLast(new WebSocketFrameAggregator(MAX_FRAME), new RouteOnHandshake(topics));
					}

				})
				.bind("127.0.0.1", port)
				.sync()
				.channel();
			System.err.println("[netty-baseline] listening on ws://127.0.0.1:" + port + "/stomp and /echo");
			server.closeFuture().sync();
		}
	}

	private static WebSocketServerProtocolConfig config() {
		return WebSocketServerProtocolConfig.newBuilder()
			.websocketPath("/")
			.checkStartsWith(true)
			.subprotocols("v12.stomp,v11.stomp,v10.stomp")
			.maxFramePayloadLength(MAX_FRAME)
			.build();
	}

}
