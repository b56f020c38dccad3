package io.railside.security;

/**
 * A token taken off a handshake URL, on its way to the CONNECT that reads it. Spring logs
 * session attributes and request attributes at DEBUG (the attribute map of a closing
 * session, for one), so the holder never shows its value.
 */
final class AccessToken {

	private final String value;

	AccessToken(String value) {
		this.value = value;
	}

	String value() {
		return this.value;
	}

	@Override
	public String toString() {
		return "AccessToken[hidden]";
	}

}
