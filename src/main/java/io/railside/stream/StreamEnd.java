package io.railside.stream;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.stream.Consumer;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.OffsetSpecification;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Learns where the stream ends, so that the bus's lag can be told in offsets: RabbitMQ
 * 3.10 has no command for a stream's last offset (3.11's stream statistics), so a short
 * subscription at the stream's last chunk reads the offsets of that chunk.
 */
final class StreamEnd {

	private static final Log logger = LogFactory.getLog(StreamEnd.class);

	private static final Duration FIRST_MESSAGE = Duration.ofSeconds(2);

	private static final Duration REST_OF_CHUNK = Duration.ofMillis(200);

	private final AtomicLong end = new AtomicLong(-1);

	/**
	 * Read the offset of the stream's last message.
	 * @param environment the stream environment
	 * @param stream the stream
	 */
	void probe(Environment environment, String stream) {
		CountDownLatch first = new CountDownLatch(1);
		AtomicLong last = new AtomicLong(-1);
		Consumer consumer = environment.consumerBuilder()
			.stream(stream)
			.offset(OffsetSpecification.last())
			.noTrackingStrategy()
			.messageHandler((context, message) -> {
				last.accumulateAndGet(context.offset(), Math::max);
				first.countDown();
			})
			.build();
		try {
			if (first.await(FIRST_MESSAGE.toMillis(), TimeUnit.MILLISECONDS)) {
				Thread.sleep(REST_OF_CHUNK.toMillis());
				seen(last.get());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			try {
				consumer.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Closing the probe of the stream's end failed", ex);
			}
		}
	}

	/**
	 * Take an offset known to be in the stream.
	 * @param offset the offset
	 */
	void seen(long offset) {
		this.end.accumulateAndGet(offset, Math::max);
	}

	/**
	 * How many offsets a reader is behind the end last seen.
	 * @param lastRead the offset of the reader's last message
	 * @return the lag, {@code 0} when none is known
	 */
	long lag(long lastRead) {
		long end = this.end.get();
		return (end < 0 || lastRead < 0) ? Math.max(0, end + 1) : Math.max(0, end - lastRead);
	}

	/**
	 * Forget the end: the stream was created again.
	 */
	void reset() {
		this.end.set(-1);
	}

}
