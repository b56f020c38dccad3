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

/**
 * The bus of stream mode: appends every message published on this instance to the
 * RabbitMQ stream and answers its publisher once RabbitMQ confirms it, and hands every
 * message it reads from the stream (from any instance) to {@link StreamDelivery}, on one
 * thread of its own, in the stream's order. Until it has read what the stream held when
 * it connected (it appends a marker and waits to read it back), and while RabbitMQ is
 * away, it refuses appends and {@link StreamReadiness} reports the broker unavailable.
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

	private final StreamReadiness readiness;

	private final StreamDelivery delivery;

	private final Timer confirms;

	private final LongAdder refused = new LongAdder();

	private volatile @Nullable Producer producer;

	private volatile @Nullable String epoch;

	private volatile long lastRead = -1;

	StreamBus(StreamMessages messages, StreamAnswers answers, UserDelivery users, MessageChannel brokerChannel,
			History<Broadcast> history, BrokerStatus status, Timer confirms) {
		this.messages = messages;
		this.answers = answers;
		this.readiness = new StreamReadiness(status);
		this.delivery = new StreamDelivery(messages, users, brokerChannel, history, this.readiness, markerName(),
				this.awaitingPosition);
		this.confirms = confirms;
	}

	@Override
	public void append(Message<?> message) {
		Producer producer = this.producer;
		if (producer == null || !this.readiness.takesAppends()) {
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
	 * @param deliveryThread the bus's delivery thread
	 */
	void startOver(String epoch, Executor deliveryThread) {
		this.epoch = epoch;
		this.lastRead = -1;
		this.readiness.caughtUp(false);
		// Appends to the old stream that were never read back: their positions are lost.
		this.awaitingPosition.values().forEach(PositionReceipt::settle);
		this.awaitingPosition.clear();
		deliveryThread.execute(this.delivery::startOver);
	}

	/**
	 * Take appends again, and, until this instance has caught up, append the marker that
	 * tells it when it has read what the stream held.
	 * @param producer the new producer
	 */
	void connected(Producer producer) {
		this.producer = producer;
		this.readiness.taking(true);
		appendMarker();
	}

	/**
	 * Append the marker, unless this instance has caught up: at start, again when the
	 * producer recovers (RabbitMQ may have gone away before it took the first), and again
	 * after a while when RabbitMQ refuses it.
	 */
	private void appendMarker() {
		Producer producer = this.producer;
		if (this.readiness.isCaughtUp() || producer == null) {
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
	 * @param deliveryThread the bus's delivery thread
	 */
	void read(MessageHandler.Context context, com.rabbitmq.stream.Message message, Executor deliveryThread) {
		long offset = context.offset();
		long timestamp = context.timestamp();
		String epoch = this.epoch;
		this.lastRead = offset;
		deliveryThread.execute(() -> {
			try {
				if (epoch != null) {
					this.delivery.deliver(epoch, offset, timestamp, message);
				}
			}
			catch (RuntimeException ex) {
				logger.error("Delivering the stream's message at offset " + offset + " failed", ex);
			}
			finally {
				context.processed();
			}
		});
	}

	/**
	 * Say whether the producer is open.
	 * @param taking whether it is
	 */
	void taking(boolean taking) {
		if (this.readiness.taking(taking)) {
			appendMarker();
		}
	}

	/**
	 * Say whether the consumer is open.
	 * @param reading whether it is
	 */
	void reading(boolean reading) {
		this.readiness.reading(reading);
	}

	/**
	 * Forget the connection: the stream is gone, or the bus stops.
	 */
	void disconnected() {
		this.producer = null;
		this.readiness.disconnected();
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
		return this.delivery.rejected();
	}

}
