package io.railside.stomp;

import java.util.regex.Pattern;

/**
 * The one rule for topic and queue names, shared by STOMP clients and the publish API:
 * dot-separated words of {@code [A-Za-z0-9_-]}, the form RabbitMQ's STOMP plugin uses, so
 * no wildcard or broker-specific name ever reaches a broker.
 */
public final class DestinationNames {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

	private DestinationNames() {
	}

	/**
	 * Whether a topic or queue name is allowed.
	 * @param name the name after {@code /topic/} or {@code /queue/}
	 * @param maxLength the longest name allowed
	 * @return whether the name is allowed
	 */
	public static boolean isValid(String name, int maxLength) {
		return name.length() <= maxLength && NAME.matcher(name).matches();
	}

}
