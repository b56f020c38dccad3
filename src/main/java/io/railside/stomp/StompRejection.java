package io.railside.stomp;

/**
 * Why a frame was refused, as the client sees it: a stable code for programs and one
 * sentence for people, never an internal detail.
 *
 * @param code the ERROR frame's {@code message} header, such as {@code bad_destination}
 * @param sentence the ERROR frame's body
 */
public record StompRejection(String code, String sentence) {

	static StompRejection badFrame(String sentence) {
		return new StompRejection("bad_frame", sentence);
	}

	static StompRejection badDestination(String sentence) {
		return new StompRejection("bad_destination", sentence);
	}

}
