package io.railside.refusal;

/**
 * Why a client's frame, subscription or session was refused, as the client sees it: a
 * stable code for programs and one sentence for people, never an internal detail, and
 * what the refusal ends. STOMP ends the session in every case (an ERROR frame closes the
 * connection); a protocol with finer answers (Action Cable's {@code reject_subscription})
 * ends no more than {@link #ends()} says.
 *
 * @param code a stable code, such as {@code bad_destination}
 * @param sentence one plain sentence for people
 * @param ends what the refusal ends
 */
public record Refusal(String code, String sentence, Ends ends) {

	/**
	 * A refusal that ends the whole session.
	 * @param code the code
	 * @param sentence the sentence
	 * @return the refusal
	 */
	public static Refusal ofSession(String code, String sentence) {
		return new Refusal(code, sentence, Ends.SESSION);
	}

	/**
	 * A frame that does not parse or breaks the protocol; it ends the session.
	 * @param sentence the sentence
	 * @return the refusal
	 */
	public static Refusal badFrame(String sentence) {
		return ofSession("bad_frame", sentence);
	}

	/**
	 * A destination outside the naming rules.
	 * @param sentence the sentence
	 * @param ends what it ends: the subscription it would have made, or the one frame
	 * @return the refusal
	 */
	public static Refusal badDestination(String sentence, Ends ends) {
		return new Refusal("bad_destination", sentence, ends);
	}

	/**
	 * A destination the client may not use.
	 * @param sentence the sentence
	 * @param ends what it ends: the subscription it would have made, or the one frame
	 * @return the refusal
	 */
	public static Refusal forbidden(String sentence, Ends ends) {
		return new Refusal("forbidden", sentence, ends);
	}

	/**
	 * What a refusal ends.
	 */
	public enum Ends {

		/**
		 * Only the refused frame (a message that may not be sent).
		 */
		FRAME,

		/**
		 * The subscription the frame asked for.
		 */
		SUBSCRIPTION,

		/**
		 * The whole session.
		 */
		SESSION

	}

}
