package io.railside.bench.client;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty event loops and channel types: epoll where Linux offers it (one file
 * descriptor per connection, less CPU per read), NIO elsewhere.
 *
 * @param group the event loops
 * @param channelType the client channel type
 * @param serverChannelType the server channel type
 */
public record Transport(EventLoopGroup group, Class<? extends Channel> channelType,
		Class<? extends ServerChannel> serverChannelType) implements AutoCloseable {

	public static Transport create(int threads) {
		boolean epoll = Epoll.isAvailable();
		IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		return new Transport(new MultiThreadIoEventLoopGroup(threads, handlers),
				epoll ? EpollSocketChannel.class : NioSocketChannel.class,
				epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class);
	}

	public String name() {
		return (this.channelType == EpollSocketChannel.class) ? "epoll" : "nio";
	}

	@Override
	public void close() {
		this.group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
	}

}
