package io.railside.history;

import org.jspecify.annotations.Nullable;

/**
 * Where a published message landed, for the backend that published it: the publisher puts
 * one in the message's headers and the broker fills it in.
 */
public final class PositionReceipt {

	/** The message header that carries it. */
	public static final String HEADER = "railside.positionReceipt";

	private volatile @Nullable Position position;

	/**
	 * Record where the message landed.
	 * @param position its position
	 */
	public void place(Position position) {
		this.position = position;
	}

	/**
	 * Where the message landed.
	 * @return its position, or {@code null} where messages have none
	 */
	public @Nullable Position position() {
		return this.position;
	}

}
