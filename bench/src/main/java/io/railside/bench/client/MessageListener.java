package io.railside.bench.client;

import io.netty.buffer.ByteBuf;

/**
 * Receives the body of each MESSAGE (STOMP) or each text message (echo), on the
 * connection's event loop; the range is valid only during the call.
 */
@FunctionalInterface
public interface MessageListener {

	void onMessage(ByteBuf buffer, int bodyStart, int bodyEnd);

	/**
	 * A STOMP MESSAGE with its headers in front of the body. A listener that reads a
	 * header (such as a message's position, with
	 * {@link io.railside.bench.stomp.StompHeaders}) overrides this; the others get the
	 * body only.
	 * @param buffer the buffer holding the frame
	 * @param frameStart index of the frame's command
	 * @param bodyStart index of the body's first byte
	 * @param bodyEnd index after the body's last byte
	 */
	default void onMessage(ByteBuf buffer, int frameStart, int bodyStart, int bodyEnd) {
		onMessage(buffer, bodyStart, bodyEnd);
	}

}
