package io.railside.bench.client;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.railside.bench.load.Payload;
import io.railside.bench.stomp.StompFrame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * One connected STOMP session: subscribe, publish benchmark payloads, close.
 */
public final class StompSession {

	private static final Map<String, byte[]> SEND_HEADS = new ConcurrentHashMap<>();

	private final Channel channel;

	private volatile MessageListener listener;

	private volatile Consumer<StompFrame> frameListener = (frame) -> {
	};

	StompSession(Channel channel, MessageListener listener) {
		this.channel = channel;
		this.listener = listener;
	}

	MessageListener listener() {
		return this.listener;
	}

	Consumer<StompFrame> frameListener() {
		return this.frameListener;
	}

	/**
	 * Hands the frames after CONNECTED other than MESSAGE (RECEIPT, ERROR) to a listener,
	 * on the connection's event loop. An ERROR closes the session after the listener saw
	 * it.
	 * @param listener the listener
	 */
	public void onFrame(Consumer<StompFrame> listener) {
		this.frameListener = listener;
	}

	/**
	 * Runs an action once the connection is closed, by either side; at once if it is
	 * closed already.
	 * @param action the action
	 */
	public void onClose(Runnable action) {
		this.channel.closeFuture().addListener((future) -> action.run());
	}

	public void subscribe(String destination) {
		send(StompFrame.of("SUBSCRIBE", "id", "0", "destination", destination));
	}

	public void send(StompFrame frame) {
		this.channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.encode())));
	}

	/**
	 * Sends a SEND frame whose head is encoded once per destination.
	 * @param destination the destination
	 * @param payload the body
	 */
	public void publish(String destination, Payload payload) {
		byte[] head = SEND_HEADS.computeIfAbsent(destination, StompSession::sendHead);
		ByteBuf frame = this.channel.alloc().buffer(head.length + Payload.SIZE + 1);
		frame.writeBytes(head);
		payload.writeTo(frame);
		frame.writeByte(0);
		this.channel.writeAndFlush(new TextWebSocketFrame(frame));
	}

	public boolean isOpen() {
		return this.channel.isActive();
	}

	public void close() {
		this.channel.close();
	}

	private static byte[] sendHead(String destination) {
		return ("SEND\ndestination:" + destination + "\ncontent-type:text/plain\ncontent-length:" + Payload.SIZE
				+ "\n\n")
			.getBytes(StandardCharsets.UTF_8);
	}

}
