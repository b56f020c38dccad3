package io.railside.history;

import java.util.List;
import java.util.Locale;

/**
 * The answer to a client that asks to resume a topic after a position: whether it is
 * recovered, the topic's current position, and the messages to replay.
 *
 * @param outcome recovered, or why not
 * @param position the topic's current position
 * @param replay the retained messages after the client's position, oldest first; empty
 * unless recovered
 * @param <M> what the broker delivers messages from
 */
public record Resume<M>(Outcome outcome, Position position, List<Retained<M>> replay) {

	/** Header of a RECEIPT saying whether the resume recovered everything. */
	public static final String RECOVERED_HEADER = "railside-recovered";

	/** Header of a RECEIPT saying why a resume did not recover. */
	public static final String REASON_HEADER = "railside-reason";

	public boolean isRecovered() {
		return this.outcome == Outcome.RECOVERED;
	}

	/**
	 * Whether a resume recovered everything, and if not, why.
	 */
	public enum Outcome {

		/** Every message after the position follows, then the live ones. */
		RECOVERED,

		/** The position belongs to another history (a restart lost the old one). */
		EPOCH,

		/** Messages after the position were dropped from the history. */
		TOO_OLD,

		/** More messages (or bytes) followed the position than one resume replays. */
		TOO_MANY,

		/** This broker mode or destination keeps no history. */
		NOT_SUPPORTED;

		/**
		 * The outcome as the {@value #REASON_HEADER} header and metrics name it.
		 * @return lower case, such as {@code too_old}
		 */
		public String reason() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
