package io.railside.bench.client;

import io.netty.buffer.ByteBuf;

/**
 * Receives the body of each MESSAGE (STOMP) or each text message (echo), on the
 * connection's event loop; the range is valid only during the call.
 */
@FunctionalInterface
public interface MessageListener {

	void onMessage(ByteBuf buffer, int bodyStart, int bodyEnd);

}
