package io.railside.fanout;

/**
 * JSON string quoting for frames written by hand on the delivery path, where building a
 * tree for every copy would cost more than the copy.
 */
public final class Json {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private Json() {
	}

	/**
	 * A JSON string literal.
	 * @param value the text
	 * @return the literal, quotes included
	 */
	public static String quote(String value) {
		return quote(value, new StringBuilder(value.length() + 8)).toString();
	}

	/**
	 * Append a JSON string literal.
	 * @param value the text
	 * @param into where to append it
	 * @return {@code into}
	 */
	public static StringBuilder quote(String value, StringBuilder into) {
		into.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> into.append("\\\"");
				case '\\' -> into.append("\\\\");
				case '\n' -> into.append("\\n");
				case '\r' -> into.append("\\r");
				case '\t' -> into.append("\\t");
				default -> {
					if (c < 0x20 || c == '\u2028' || c == '\u2029') {
						into.append("\\u")
							.append(HEX[(c >> 12) & 0xf])
							.append(HEX[(c >> 8) & 0xf])
							.append(HEX[(c >> 4) & 0xf])
							.append(HEX[c & 0xf]);
					}
					else {
						into.append(c);
					}
				}
			}
		}
		return into.append('"');
	}

}
