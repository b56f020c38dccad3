package io.railside.fanout;

import java.nio.charset.StandardCharsets;

import org.springframework.web.socket.TextMessage;

/**
 * A subscriber's copy of a broadcast as a WebSocket text message built from its bytes:
 * the part written for the subscriber around the part encoded once for all. A text
 * message made from a {@code String} encodes it again each time its length is asked for,
 * which Spring's session decorator does twice per frame.
 */
final class FrameText {

	private FrameText() {
	}

	/**
	 * Join a subscriber's part and the shared part.
	 * @param head what comes before the shared part
	 * @param shared the part encoded once, UTF-8
	 * @param tail what comes after it
	 * @return the text message
	 */
	static TextMessage of(CharSequence head, byte[] shared, CharSequence tail) {
		byte[] before = head.toString().getBytes(StandardCharsets.UTF_8);
		byte[] after = tail.toString().getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[before.length + shared.length + after.length];
		System.arraycopy(before, 0, frame, 0, before.length);
		System.arraycopy(shared, 0, frame, before.length, shared.length);
		System.arraycopy(after, 0, frame, before.length + shared.length, after.length);
		return new TextMessage(frame);
	}

}
