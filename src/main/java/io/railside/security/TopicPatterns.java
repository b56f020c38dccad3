package io.railside.security;

import java.util.Collection;

/**
 * The topic patterns of the {@code subscribe} and {@code publish} claims: dot-separated
 * segments where {@code *} matches exactly one segment and a trailing {@code **} matches
 * all that follows (one segment or more), so {@code chat.**} allows {@code chat.room-1}
 * and {@code chat.room-1.typing} but not {@code chat} itself.
 */
final class TopicPatterns {

	private TopicPatterns() {
	}

	static boolean anyMatches(Collection<String> patterns, String topic) {
		for (String pattern : patterns) {
			if (matches(pattern, topic)) {
				return true;
			}
		}
		return false;
	}

	static boolean matches(String pattern, String topic) {
		String[] wanted = pattern.split("\\.", -1);
		String[] segments = topic.split("\\.", -1);
		for (int i = 0; i < wanted.length; i++) {
			boolean last = i == wanted.length - 1;
			if (last && wanted[i].equals("**")) {
				return segments.length > i;
			}
			if (i >= segments.length || !(wanted[i].equals("*") || wanted[i].equals(segments[i]))) {
				return false;
			}
		}
		return segments.length == wanted.length;
	}

}
