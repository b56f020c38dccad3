package io.railside.bench.stomp;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One STOMP 1.2 frame, for the rare frames (CONNECT, SUBSCRIBE, CONNECTED, ERROR) where
 * clarity matters more than allocation; MESSAGE bodies take the decoder's fast path.
 *
 * @param command the command, such as {@code SEND}
 * @param headers the headers in order
 * @param body the body text
 */
public record StompFrame(String command, Map<String, String> headers, String body) {

	public StompFrame {
		headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
	}

	/**
	 * A frame without body.
	 * @param command the command
	 * @param nameValuePairs header names and values, alternating
	 * @return the frame
	 */
	public static StompFrame of(String command, String... nameValuePairs) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
			headers.put(nameValuePairs[i], nameValuePairs[i + 1]);
		}
		return new StompFrame(command, headers, "");
	}

	public String header(String name) {
		return this.headers.getOrDefault(name, "");
	}

	public byte[] encode() {
		StringBuilder frame = new StringBuilder(this.command).append('\n');
		this.headers
			.forEach((name, value) -> frame.append(escape(name)).append(':').append(escape(value)).append('\n'));
		return frame.append('\n').append(this.body).append('\0').toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Parses one frame without its NUL terminator; a first header wins over repeats, as
	 * STOMP 1.2 says.
	 * @param text the frame text
	 * @return the frame
	 */
	public static StompFrame parse(String text) {
		String normalized = text.replace("\r\n", "\n");
		int headerEnd = normalized.indexOf("\n\n");
		String head = (headerEnd < 0) ? normalized : normalized.substring(0, headerEnd);
		String body = (headerEnd < 0) ? "" : normalized.substring(headerEnd + 2);
		String[] lines = head.split("\n");
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.putIfAbsent(unescape(lines[i].substring(0, colon)), unescape(lines[i].substring(colon + 1)));
			}
		}
		return new StompFrame(lines[0], headers, body);
	}

	private static String escape(String value) {
		return value.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace(":", "\\c");
	}

	private static String unescape(String value) {
		StringBuilder result = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length()) {
				char next = value.charAt(++i);
				result.append(switch (next) {
					case 'n' -> '\n';
					case 'r' -> '\r';
					case 'c' -> ':';
					default -> next;
				});
			}
			else {
				result.append(c);
			}
		}
		return result.toString();
	}

}
