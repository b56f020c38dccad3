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
	 * A shared part's bytes as the container sends them. Tomcat writes a text message's
	 * string, in which each byte that is not UTF-8 became U+FFFD (three bytes); a frame's
	 * length, which the send buffer's limits and its batches count, must be that of what
	 * is sent. Once per broadcast, not per subscriber.
	 * @param utf8 the bytes, meant to be UTF-8
	 * @return the same bytes when they are UTF-8, else those of the string they decode to
	 */
	static byte[] asSent(byte[] utf8) {
		boolean ascii = true;
		for (int i = 0; i < utf8.length && ascii; i++) {
			ascii = utf8[i] >= 0;
		}
		if (ascii) {
			return utf8;
		}
		String text = new String(utf8, StandardCharsets.UTF_8);
		return (text.indexOf('\uFFFD') < 0) ? utf8 : text.getBytes(StandardCharsets.UTF_8);
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
