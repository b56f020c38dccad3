package io.railside.history;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Whether the broker took a published message and where it landed, for the backend that
 * published it: the publisher puts one in the message's headers, and the broker fills it
 * in. The in-memory broker does both while it takes the message; in stream mode
 * RabbitMQ's confirm says the message is taken, and the position follows when this
 * instance reads the message back.
 */
public final class PositionReceipt {

	/** The message header that carries it. */
	public static final String HEADER = "railside.positionReceipt";

	private final CompletableFuture<@Nullable Void> taken = new CompletableFuture<>();

	private final CountDownLatch placed = new CountDownLatch(1);

	private volatile @Nullable Position position;

	/**
	 * Record where the message landed, which says it was taken, too.
	 * @param position its position
	 */
	public void place(Position position) {
		this.position = position;
		this.taken.complete(null);
		this.placed.countDown();
	}

	/**
	 * Say that the message was delivered without a position (its topic keeps no history),
	 * unless it has one already.
	 */
	public void settle() {
		this.taken.complete(null);
		this.placed.countDown();
	}

	/**
	 * Say that the broker has the message, its position not known yet.
	 */
	public void take() {
		this.taken.complete(null);
	}

	/**
	 * Say that the broker did not take the message.
	 * @param reason why, for the log
	 */
	public void refuse(Exception reason) {
		this.taken.completeExceptionally(reason);
	}

	/**
	 * Whether the broker has said it did not take the message.
	 * @return whether it was refused
	 */
	public boolean isRefused() {
		return this.taken.isCompletedExceptionally();
	}

	/**
	 * Where the message landed.
	 * @return its position, or {@code null} where messages have none, or not yet
	 */
	public @Nullable Position position() {
		return this.position;
	}

	/**
	 * Wait until the broker has taken the message.
	 * @param timeout how long to wait
	 * @throws RefusedException if the broker refused it or did not answer in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void awaitTaken(Duration timeout) throws InterruptedException {
		try {
			this.taken.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new RefusedException(String.valueOf(ex.getCause().getMessage()));
		}
		catch (TimeoutException ex) {
			throw new RefusedException("no answer within " + timeout.toMillis() + " ms");
		}
	}

	/**
	 * Wait until the message's position is known.
	 * @param timeout how long to wait
	 * @return its position, or {@code null} if still unknown
	 * @throws InterruptedException if interrupted while waiting
	 */
	public @Nullable Position awaitPosition(Duration timeout) throws InterruptedException {
		this.placed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		return this.position;
	}

	/**
	 * The broker did not take a message.
	 */
	public static final class RefusedException extends RuntimeException {

		RefusedException(String message) {
			super(message);
		}

	}

}
