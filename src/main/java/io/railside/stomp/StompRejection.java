package io.railside.stomp;

/**
 * Why a frame was refused, as the client sees it: a stable code for programs and one
 * sentence for people, never an internal detail.
 *
 * @param code the ERROR frame's {@code message} header, such as {@code bad_destination}
 * @param sentence the ERROR frame's body
 */
public record StompRejection(String code, String sentence) {

	public static StompRejection badFrame(String sentence) {
		return new StompRejection("bad_frame", sentence);
	}

	public static StompRejection badDestination(String sentence) {
		return new StompRejection("bad_destination", sentence);
	}

	public static StompRejection forbidden(String sentence) {
		return new StompRejection("forbidden", sentence);
	}

}
