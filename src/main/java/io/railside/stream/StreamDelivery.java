package io.railside.stream;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.railside.fanout.Broadcast;
import io.railside.history.History;
import io.railside.history.PositionReceipt;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Delivers what the bus reads from the stream, on the bus's one delivery thread, in the
 * stream's order: a topic's message to the broker channel (the in-memory broker fans it
 * out with its offset as position), a user's message to the user's sessions here. It
 * skips what it has delivered, notices this instance's start-up marker, and tells the
 * history where its knowledge of the stream begins (and where a gap left it).
 */
final class StreamDelivery {

	private static final Log logger = LogFactory.getLog(StreamDelivery.class);

	private static final long WARNING_INTERVAL_MILLIS = 10_000;

	private final StreamMessages messages;

	private final UserDelivery users;

	private final MessageChannel brokerChannel;

	private final History<Broadcast> history;

	private final StreamReadiness readiness;

	private final String markerName;

	/** Publish API receipts waiting for their message to be read back, by origin. */
	private final Map<String, PositionReceipt> awaitingPosition;

	private final LongAdder rejected = new LongAdder();

	private long lastWarning;

	private long lastDelivered = -1;

	StreamDelivery(StreamMessages messages, UserDelivery users, MessageChannel brokerChannel,
			History<Broadcast> history, StreamReadiness readiness, String markerName,
			Map<String, PositionReceipt> awaitingPosition) {
		this.messages = messages;
		this.users = users;
		this.brokerChannel = brokerChannel;
		this.history = history;
		this.readiness = readiness;
		this.markerName = markerName;
		this.awaitingPosition = awaitingPosition;
	}

	/**
	 * Deliver a message read from the stream. Called on the delivery thread only.
	 * @param epoch the stream's epoch
	 * @param offset the message's offset
	 * @param timestamp when RabbitMQ took it
	 * @param message the message
	 */
	void deliver(String epoch, long offset, long timestamp, com.rabbitmq.stream.Message message) {
		if (offset <= this.lastDelivered) {
			return;
		}
		if (this.lastDelivered < 0 || offset > this.lastDelivered + 1) {
			// The first message read, or one after a gap (retention deleted what this
			// instance had not read while away): no topic may say it has what came
			// before.
			this.history.adopt(epoch, offset - 1);
		}
		this.lastDelivered = offset;
		if (StreamMessages.isMarker(message)) {
			if (this.markerName.equals(StreamMessages.origin(message)) && !this.readiness.isCaughtUp()) {
				logger.info("Read the stream up to this instance's start (offset " + offset + ")");
				this.readiness.caughtUp(true);
			}
			return;
		}
		String rejection = this.messages.rejection(message);
		Message<byte[]> decoded = (rejection == null) ? this.messages.decode(message, offset, timestamp) : null;
		if (decoded == null) {
			reject(offset, rejection);
			return;
		}
		String origin = StreamMessages.origin(message);
		send(decoded, (origin != null) ? this.awaitingPosition.remove(origin) : null);
	}

	private void send(Message<byte[]> message, @Nullable PositionReceipt receipt) {
		Message<byte[]> delivered = message;
		if (receipt != null) {
			SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(message);
			headers.setHeader(PositionReceipt.HEADER, receipt);
			delivered = MessageBuilder.createMessage(message.getPayload(), headers.getMessageHeaders());
		}
		String destination = SimpMessageHeaderAccessor.getDestination(delivered.getHeaders());
		if (destination != null && UserDelivery.isForUser(destination)) {
			this.users.deliver(destination, delivered);
		}
		else {
			this.brokerChannel.send(delivered);
		}
		if (receipt != null) {
			// Placed by the broker if the topic keeps history; nothing to wait for if
			// not.
			receipt.settle();
		}
	}

	private void reject(long offset, @Nullable String reason) {
		this.rejected.increment();
		long now = System.currentTimeMillis();
		if (reason != null && now - this.lastWarning > WARNING_INTERVAL_MILLIS) {
			this.lastWarning = now;
			logger.warn("Not delivering the stream's message at offset " + offset + ": " + reason
					+ " (further ones are counted in railside.stream.rejected, logged at most every 10 s)");
		}
	}

	/**
	 * Start over on a stream new to this instance. Called on the delivery thread only.
	 */
	void startOver() {
		this.lastDelivered = -1;
	}

	long rejected() {
		return this.rejected.sum();
	}

}
