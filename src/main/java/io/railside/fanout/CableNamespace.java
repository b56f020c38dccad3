package io.railside.fanout;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;

/**
 * Action Cable's streams as the delivery core knows them: a namespace of their own beside
 * STOMP's topics, under {@value #PREFIX}, where a stream name is matched exactly. Names
 * such as {@code gid://app/Room/1:messages} or {@code chat_Best Room} fit neither topic
 * names nor claim patterns, and Spring's subscription registry would read {@code *},
 * {@code ?} or braces in them as wildcards, so they are percent-encoded where they would
 * mean more than themselves. STOMP clients cannot name these destinations (the STOMP
 * destination rules refuse them), nor can cable clients name topics.
 */
public final class CableNamespace {

	/** The destination prefix of cable streams. */
	public static final String PREFIX = "/cable/";

	/**
	 * The header that marks a message to or from a cable session, so that the STOMP frame
	 * rules leave it alone (the cable protocol has checked it already) and metrics count
	 * it as cable's. Not a STOMP header: no STOMP client can set it.
	 */
	public static final String SESSION_HEADER = "railsideCableSession";

	/**
	 * The header of a cable session's SUBSCRIBE that asks for the stream's messages
	 * published since a time (milliseconds since the Unix epoch), as AnyCable's extended
	 * protocol asks on a first subscribe.
	 */
	public static final String SINCE_HEADER = "railsideCableSince";

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private CableNamespace() {
	}

	/**
	 * The destination of a stream.
	 * @param stream the stream name, as Rails names it
	 * @return the destination
	 */
	public static String destination(String stream) {
		StringBuilder destination = new StringBuilder(PREFIX.length() + stream.length() + 8).append(PREFIX);
		for (int i = 0; i < stream.length(); i++) {
			char c = stream.charAt(i);
			if (c == '%' || c == '*' || c == '?' || c == '{' || c == '}' || c < 0x20 || c == 0x7f) {
				destination.append('%').append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
			}
			else {
				destination.append(c);
			}
		}
		return destination.toString();
	}

	/**
	 * The stream a destination names.
	 * @param destination a cable destination
	 * @return the stream name
	 */
	public static String stream(String destination) {
		String encoded = destination.substring(PREFIX.length());
		if (encoded.indexOf('%') < 0) {
			return encoded;
		}
		// Only ASCII characters are escaped: the others stand as they are.
		StringBuilder stream = new StringBuilder(encoded.length());
		for (int i = 0; i < encoded.length(); i++) {
			char c = encoded.charAt(i);
			if (c == '%' && i + 2 < encoded.length()) {
				stream.append((char) Integer.parseInt(encoded, i + 1, i + 3, 16));
				i += 2;
			}
			else {
				stream.append(c);
			}
		}
		return stream.toString();
	}

	/**
	 * Whether a destination is a cable stream's.
	 * @param destination the destination, or {@code null}
	 * @return whether it is
	 */
	public static boolean isCable(@Nullable String destination) {
		return destination != null && destination.startsWith(PREFIX);
	}

	/**
	 * Whether a message is to or from a cable session.
	 * @param message the message
	 * @return whether it does
	 */
	public static boolean isFromCable(Message<?> message) {
		return message.getHeaders().containsKey(SESSION_HEADER);
	}

}
