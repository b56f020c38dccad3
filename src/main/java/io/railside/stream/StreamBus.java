package io.railside.stream;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.rabbitmq.stream.ConfirmationStatus;
import com.rabbitmq.stream.MessageHandler;
import com.rabbitmq.stream.Producer;
import io.micrometer.core.instrument.Timer;
import io.railside.broker.BrokerStatus;
import io.railside.fanout.Broadcast;
import io.railside.fanout.Bus;
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
 * The bus of stream mode: appends every message published on this instance to the
 * RabbitMQ stream, answers its publisher once RabbitMQ confirms it, and delivers every
 * message it reads from the stream (from any instance) to this instance's sessions, on
 * one thread of its own, in the stream's order. Until it has read what the stream held
 * when it connected, and while RabbitMQ is away, it reports the broker unavailable.
 */
public class StreamBus implements Bus {

	private static final Log logger = LogFactory.getLog(StreamBus.class);

	private static final Duration MARKER_RETRY = Duration.ofSeconds(2);

	private final String instance = UUID.randomUUID().toString();

	private final AtomicLong appends = new AtomicLong();

	/** Publish API receipts waiting for their message to be read back, by origin. */
	private final Map<String, PositionReceipt> awaitingPosition = new ConcurrentHashMap<>();

	private final StreamMessages messages;

	private final StreamAnswers answers;

	private final UserDelivery users;

	private final MessageChannel brokerChannel;

	private final History<Broadcast> history;

	private final BrokerStatus status;

	private final Timer confirms;

	private final LongAdder refused = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private volatile long lastWarning;

	private volatile @Nullable Producer producer;

	private volatile boolean taking;

	private volatile boolean reading;

	private volatile boolean caughtUp;

	private volatile @Nullable String epoch;

	private volatile long lastRead = -1;

	/** Touched by the delivery thread only. */
	private long lastDelivered = -1;

	StreamBus(StreamMessages messages, StreamAnswers answers, UserDelivery users, MessageChannel brokerChannel,
			History<Broadcast> history, BrokerStatus status, Timer confirms) {
		this.messages = messages;
		this.answers = answers;
		this.users = users;
		this.brokerChannel = brokerChannel;
		this.history = history;
		this.status = status;
		this.confirms = confirms;
		status.onBus(false);
	}

	@Override
	public void append(Message<?> message) {
		Producer producer = this.producer;
		if (producer == null || !this.taking || !this.caughtUp) {
			refuse(message, "RabbitMQ is not reachable");
			return;
		}
		String origin = this.instance + ":" + this.appends.incrementAndGet();
		PositionReceipt receipt = StreamAnswers.receiptOf(message);
		if (receipt != null) {
			this.awaitingPosition.put(origin, receipt);
		}
		long start = System.nanoTime();
		try {
			producer.send(this.messages.encode(message, origin, producer.messageBuilder()),
					(confirmation) -> confirmed(message, origin, start, confirmation));
		}
		catch (RuntimeException ex) {
			this.awaitingPosition.remove(origin);
			refuse(message, String.valueOf(ex.getMessage()));
		}
	}

	private void confirmed(Message<?> message, String origin, long start, ConfirmationStatus confirmation) {
		this.confirms.record(Duration.ofNanos(System.nanoTime() - start));
		if (confirmation.isConfirmed()) {
			this.answers.taken(message);
		}
		else {
			this.awaitingPosition.remove(origin);
			refuse(message, "RabbitMQ did not confirm it (code " + confirmation.getCode() + ")");
		}
	}

	private void refuse(Message<?> message, String reason) {
		this.refused.increment();
		this.answers.refused(message, reason);
	}

	/**
	 * Read a stream that is new to this instance (at start, or after the stream was
	 * deleted and created again) from the start of the history it keeps.
	 * @param epoch the stream's epoch
	 * @param delivery the bus's delivery thread
	 */
	void startOver(String epoch, Executor delivery) {
		this.epoch = epoch;
		this.lastRead = -1;
		this.caughtUp = false;
		// Appends to the old stream that were never read back: their positions are lost.
		this.awaitingPosition.values().forEach(PositionReceipt::settle);
		this.awaitingPosition.clear();
		delivery.execute(() -> this.lastDelivered = -1);
		updateStatus();
	}

	/**
	 * Take appends again, and, the first time, append the marker that tells this instance
	 * when it has read what the stream held.
	 * @param producer the new producer
	 */
	void connected(Producer producer) {
		this.producer = producer;
		this.taking = true;
		updateStatus();
		appendMarker();
	}

	/**
	 * Append the marker, unless this instance has caught up: at start, and again when the
	 * producer recovers, in case RabbitMQ went away before it took the first.
	 */
	private void appendMarker() {
		Producer producer = this.producer;
		if (this.caughtUp || producer == null) {
			return;
		}
		try {
			producer.send(StreamMessages.marker(markerName(), producer.messageBuilder()), (confirmation) -> {
				if (!confirmation.isConfirmed()) {
					logger.warn("RabbitMQ did not take this instance's start-up marker; trying again in "
							+ MARKER_RETRY.toSeconds() + " s, not ready meanwhile");
					CompletableFuture.delayedExecutor(MARKER_RETRY.toMillis(), TimeUnit.MILLISECONDS)
						.execute(this::appendMarker);
				}
			});
		}
		catch (RuntimeException ex) {
			logger.warn("Could not append this instance's start-up marker: " + ex.getMessage());
		}
	}

	private String markerName() {
		return this.instance + ":marker";
	}

	/**
	 * Take a message from the stream client's thread and deliver it on the bus's own.
	 * @param context where it is in the stream
	 * @param message the message
	 * @param delivery the bus's delivery thread
	 */
	void read(MessageHandler.Context context, com.rabbitmq.stream.Message message, Executor delivery) {
		this.lastRead = context.offset();
		long offset = context.offset();
		long timestamp = context.timestamp();
		delivery.execute(() -> {
			try {
				deliver(offset, timestamp, message);
			}
			catch (RuntimeException ex) {
				logger.error("Delivering the stream's message at offset " + offset + " failed", ex);
			}
			finally {
				context.processed();
			}
		});
	}

	private void deliver(long offset, long timestamp, com.rabbitmq.stream.Message message) {
		if (offset <= this.lastDelivered) {
			return;
		}
		String epoch = this.epoch;
		if (epoch != null && (this.lastDelivered < 0 || offset > this.lastDelivered + 1)) {
			// The first message read, or one after a gap (retention deleted what this
			// instance had not read while away): no topic may say it has what came
			// before.
			this.history.adopt(epoch, offset - 1);
		}
		this.lastDelivered = offset;
		if (StreamMessages.isMarker(message)) {
			if (markerName().equals(StreamMessages.origin(message)) && !this.caughtUp) {
				this.caughtUp = true;
				logger.info("Read the stream up to this instance's start (offset " + offset + ")");
				updateStatus();
			}
			return;
		}
		String rejection = this.messages.rejection(message);
		Message<byte[]> decoded = (rejection == null) ? this.messages.decode(message, offset, timestamp) : null;
		if (decoded == null) {
			reject(offset, rejection);
			return;
		}
		String destination = SimpMessageHeaderAccessor.getDestination(decoded.getHeaders());
		String origin = StreamMessages.origin(message);
		PositionReceipt receipt = (origin != null) ? this.awaitingPosition.remove(origin) : null;
		if (receipt != null) {
			SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(decoded);
			headers.setHeader(PositionReceipt.HEADER, receipt);
			decoded = MessageBuilder.createMessage(decoded.getPayload(), headers.getMessageHeaders());
		}
		if (destination != null && UserDelivery.isForUser(destination)) {
			this.users.deliver(destination, decoded);
		}
		else {
			this.brokerChannel.send(decoded);
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
		if (reason != null && now - this.lastWarning > 10_000) {
			this.lastWarning = now;
			logger.warn("Not delivering the stream's message at offset " + offset + ": " + reason
					+ " (further ones are counted in railside.stream.rejected, logged at most every 10 s)");
		}
	}

	/**
	 * Whether the producer can append now.
	 * @param taking whether it is open
	 */
	void taking(boolean taking) {
		boolean recovered = taking && !this.taking;
		this.taking = taking;
		updateStatus();
		if (recovered) {
			appendMarker();
		}
	}

	/**
	 * Whether the consumer reads now.
	 * @param reading whether it is open
	 */
	void reading(boolean reading) {
		this.reading = reading;
		updateStatus();
	}

	private synchronized void updateStatus() {
		// Producer, consumer and delivery thread change these: decide and tell under one
		// lock, so that a stale answer never lands last.
		this.status.onBus(this.taking && this.reading && this.caughtUp);
	}

	/**
	 * Forget the connection: the stream is gone, or the bus stops.
	 */
	void disconnected() {
		this.producer = null;
		this.taking = false;
		this.reading = false;
		updateStatus();
	}

	/**
	 * The offset of the last message read from the stream, where a new subscription goes
	 * on from.
	 * @return the offset, or {@code -1} before any
	 */
	long lastRead() {
		return this.lastRead;
	}

	@Nullable String epoch() {
		return this.epoch;
	}

	long refused() {
		return this.refused.sum();
	}

	long rejected() {
		return this.rejected.sum();
	}

}
