package io.railside.history;

/**
 * A place in a history: the epoch that names the history and an offset in it. A client
 * keeps the position of the last message it received and resumes after it.
 *
 * @param epoch names the history; it changes whenever the history is lost
 * @param offset the offset of a message, or of the last one published, or 0 before any
 */
public record Position(String epoch, long offset) {

	/** Header naming the history of a message, a RECEIPT or a resume request. */
	public static final String EPOCH_HEADER = "railside-epoch";

	/** Header carrying the offset of a message, a RECEIPT or a resume request. */
	public static final String OFFSET_HEADER = "railside-offset";

}
