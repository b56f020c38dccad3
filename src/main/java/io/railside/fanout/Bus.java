package io.railside.fanout;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;

/**
 * What carries published messages between instances when there are several: the broker
 * appends every message published here to the bus instead of delivering it, and the bus
 * hands every message, from any instance, back to the broker channel, marked with its
 * offset, to be delivered to this instance's own sessions.
 */
public interface Bus {

	/**
	 * Header of a message the bus delivers: its offset in the bus ({@code Long}).
	 */
	String OFFSET_HEADER = "railside.bus.offset";

	/**
	 * Header of a message the bus delivers: when the bus took it, in milliseconds since
	 * the Unix epoch ({@code Long}).
	 */
	String TIMESTAMP_HEADER = "railside.bus.timestamp";

	/**
	 * Append a message published on this instance. The bus answers the publisher (a
	 * RECEIPT, an ERROR, or the {@link io.railside.history.PositionReceipt} in the
	 * message) once the bus has taken it or refused it.
	 * @param message a message to a topic, or to a user's queue before it is resolved
	 */
	void append(Message<?> message);

	/**
	 * The offset of a message the bus delivered.
	 * @param message a message on the broker channel
	 * @return its offset, or {@code null} if it was published here and not yet appended
	 */
	static @Nullable Long offset(Message<?> message) {
		return message.getHeaders().get(OFFSET_HEADER, Long.class);
	}

}
