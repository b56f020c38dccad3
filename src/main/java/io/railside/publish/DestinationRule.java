package io.railside.publish;

import io.railside.publish.PublishException.Problem;
import io.railside.stomp.DestinationNames;
import io.railside.stomp.StompProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The destinations a backend may publish to: a topic, or one user's queue, named by the
 * same rule STOMP clients follow. Anything else (wildcards, {@code /queue/},
 * {@code /app/}, broker-specific forms) is refused, so no broker feature is reachable; so
 * are the topics Railside's instances talk over, which STOMP clients may not use either.
 * A user queue never reaches them: Spring resolves it to a queue of that user's sessions,
 * and the name allows no '/'.
 */
class DestinationRule {

	private static final String TOPIC = "/topic/";

	private static final String USER = "/user/";

	private static final String QUEUE = "/queue/";

	private static final String INTERNAL = TOPIC + StompProperties.INTERNAL_TOPIC_PREFIX;

	private static final int MAX_SUBJECT_LENGTH = 200;

	private final int maxNameLength;

	DestinationRule(int maxNameLength) {
		this.maxNameLength = maxNameLength;
	}

	/**
	 * Check a message's destination.
	 * @param destination the {@code destination} member, or {@code null} when missing
	 * @param pointer where it is in the request, for the error
	 * @return the destination, as the broker takes it
	 */
	String check(@Nullable JsonNode destination, String pointer) {
		if (destination == null || !destination.isString()) {
			throw refused(pointer, "A message needs a destination string, such as /topic/orders.42.");
		}
		String value = destination.stringValue();
		if (value.startsWith(INTERNAL)) {
			throw refused(pointer, "Topics under " + INTERNAL + " are reserved for Railside itself.");
		}
		if (value.startsWith(TOPIC)) {
			checkName(value.substring(TOPIC.length()), pointer);
			return value;
		}
		int subjectEnd = value.indexOf('/', USER.length());
		if (value.startsWith(USER) && subjectEnd >= 0 && value.startsWith(QUEUE, subjectEnd)) {
			checkSubject(value.substring(USER.length(), subjectEnd), pointer);
			checkName(value.substring(subjectEnd + QUEUE.length()), pointer);
			return value;
		}
		throw refused(pointer, "Publish to /topic/<name> or /user/<subject>/queue/<name>.");
	}

	/**
	 * Check a topic's name, as a backend asking for the topic's position gives it.
	 * @param name the name, without {@code /topic/}
	 * @return the topic's destination
	 */
	String topic(String name) {
		String destination = TOPIC + name;
		if (destination.startsWith(INTERNAL)) {
			throw refused(null, "Topics under " + INTERNAL + " are reserved for Railside itself.");
		}
		checkName(name, null);
		return destination;
	}

	private void checkName(String name, @Nullable String pointer) {
		if (!DestinationNames.isValid(name, this.maxNameLength)) {
			throw refused(pointer, "Topic and queue names are dot-separated words of letters, digits, '_' and '-', "
					+ "at most " + this.maxNameLength + " characters, such as orders.42.");
		}
	}

	private static void checkSubject(String subject, String pointer) {
		// Spring reads %2F in a user destination as '/': it would address another user.
		if (subject.isEmpty() || subject.length() > MAX_SUBJECT_LENGTH || subject.contains("%2F")
				|| subject.chars().anyMatch(Character::isISOControl)) {
			throw refused(pointer, "The user in /user/<subject>/queue/<name> is a token subject of 1 to "
					+ MAX_SUBJECT_LENGTH + " characters, without '/', '%2F' or control characters.");
		}
	}

	private static PublishException refused(@Nullable String pointer, String sentence) {
		return new PublishException(Problem.BAD_DESTINATION, sentence, pointer);
	}

}
