package io.railside.stream;

import java.security.SecureRandom;
import java.time.Duration;

import com.rabbitmq.stream.Consumer;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.NoOffsetException;
import com.rabbitmq.stream.OffsetSpecification;
import org.jspecify.annotations.Nullable;

/**
 * The epoch of the stream's positions: a random number kept with the stream itself, as
 * the stored offset of a reference of Railside's, so that every instance reads the same
 * one, and it changes only when the stream is deleted and created again (which starts the
 * offsets over). The first instance to find none stores one; callers hold a lock across
 * instances ({@link StreamTopology#exclusively}), so that no two store one each.
 */
final class StreamEpoch {

	/** The reference under which the epoch is stored. */
	static final String REFERENCE = "railside-epoch";

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private StreamEpoch() {
	}

	/**
	 * Read the stream's epoch, storing a new one if it has none.
	 * @param environment the stream environment
	 * @param stream the stream
	 * @return the epoch, 16 hexadecimal digits
	 * @throws InterruptedException if interrupted while waiting for the stored value
	 */
	static String of(Environment environment, String stream) throws InterruptedException {
		Consumer reader = environment.consumerBuilder()
			.stream(stream)
			.name(REFERENCE)
			.offset(OffsetSpecification.next())
			.manualTrackingStrategy()
			// No background flush: it would store an offset of its own when it finds
			// none.
			.checkInterval(Duration.ZERO)
			.builder()
			.messageHandler((context, message) -> {
			})
			.build();
		try {
			Long stored = stored(reader);
			if (stored == null) {
				environment.storeOffset(REFERENCE, stream, new SecureRandom().nextLong() & Long.MAX_VALUE);
				stored = awaitStored(reader);
			}
			return format(stored);
		}
		finally {
			reader.close();
		}
	}

	static String format(long epoch) {
		return String.format("%016x", epoch);
	}

	private static long awaitStored(Consumer reader) throws InterruptedException {
		long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
		Long stored;
		while ((stored = stored(reader)) == null) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The stream's epoch could not be read back after storing it");
			}
			Thread.sleep(50);
		}
		return stored;
	}

	private static @Nullable Long stored(Consumer reader) {
		try {
			return reader.storedOffset();
		}
		catch (NoOffsetException ex) {
			return null;
		}
	}

}
