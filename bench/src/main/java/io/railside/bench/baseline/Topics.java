package io.railside.bench.baseline;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * Subscribers by destination and subscription id. A MESSAGE names its subscription, so it
 * is encoded once per distinct id and written to that id's whole group; the generator
 * gives every subscription the same id, so each message is encoded once. Closed channels
 * leave their groups by themselves.
 */
final class Topics {

	private final Map<String, Map<String, ChannelGroup>> destinations = new ConcurrentHashMap<>();

	private final AtomicLong messageIds = new AtomicLong();

	void subscribe(String destination, String id, Channel channel) {
		this.destinations.computeIfAbsent(destination, (name) -> new ConcurrentHashMap<>())
			.computeIfAbsent(id, (name) -> new DefaultChannelGroup(GlobalEventExecutor.INSTANCE))
			.add(channel);
	}

	void unsubscribe(String id, Channel channel) {
		this.destinations.values().forEach((groups) -> {
			ChannelGroup group = groups.get(id);
			if (group != null) {
				group.remove(channel);
			}
		});
	}

	void publish(String destination, byte[] body) {
		Map<String, ChannelGroup> groups = this.destinations.get(destination);
		if (groups == null) {
			return;
		}
		long messageId = this.messageIds.incrementAndGet();
		groups.forEach(
				(id, group) -> group.writeAndFlush(new TextWebSocketFrame(encode(destination, id, messageId, body))));
	}

	private static ByteBuf encode(String destination, String id, long messageId, byte[] body) {
		byte[] head = ("MESSAGE\ndestination:" + destination + "\nsubscription:" + id + "\nmessage-id:" + messageId
				+ "\ncontent-length:" + body.length + "\n\n")
			.getBytes(StandardCharsets.UTF_8);
		return Unpooled.buffer(head.length + body.length + 1).writeBytes(head).writeBytes(body).writeByte(0);
	}

}
