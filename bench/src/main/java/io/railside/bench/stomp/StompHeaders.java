package io.railside.bench.stomp;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Reads one header of a MESSAGE frame in place, without decoding the frame: the generator
 * needs a message's position ({@code railside-epoch}, {@code railside-offset}) now and
 * then, and a whole {@link StompFrame} per delivery would cost the cores the server also
 * needs.
 */
public final class StompHeaders {

	private StompHeaders() {
	}

	/**
	 * The first value of a header, as STOMP 1.2 says repeats are read; values with
	 * escapes are not expected here (positions hold none) and are returned as sent.
	 * @param buffer the buffer holding the frame
	 * @param frameStart index of the frame's command
	 * @param bodyStart index of the body, after the blank line
	 * @param name the header's name
	 * @return the value, or {@code null} if the frame has no such header
	 */
	public static @Nullable String value(ByteBuf buffer, int frameStart, int bodyStart, String name) {
		byte[] wanted = (name + ":").getBytes(StandardCharsets.UTF_8);
		int line = buffer.indexOf(frameStart, bodyStart, (byte) '\n') + 1;
		while (line > 0 && line < bodyStart) {
			int end = buffer.indexOf(line, bodyStart, (byte) '\n');
			if (end < 0) {
				return null;
			}
			if (startsWith(buffer, line, end, wanted)) {
				int valueEnd = (end > line && buffer.getByte(end - 1) == '\r') ? end - 1 : end;
				return buffer.toString(line + wanted.length, valueEnd - line - wanted.length, StandardCharsets.UTF_8);
			}
			line = end + 1;
		}
		return null;
	}

	private static boolean startsWith(ByteBuf buffer, int from, int to, byte[] prefix) {
		if (to - from < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (buffer.getByte(from + i) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

}
