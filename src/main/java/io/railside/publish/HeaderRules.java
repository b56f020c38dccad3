package io.railside.publish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.railside.publish.PublishException.Problem;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The headers a backend may add to a message, delivered as STOMP headers of the MESSAGE
 * frame. Names STOMP, Spring or a RabbitMQ relay act on are refused, so that a header can
 * never steer delivery, only describe the message.
 */
class HeaderRules {

	static final int MAX_HEADERS = 20;

	static final int MAX_VALUE_LENGTH = 1024;

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private static final Set<String> RESERVED = Set.of("destination", "subscription", "message-id", "content-length",
			"content-type", "receipt", "receipt-id", "ack", "selector", "id", "transaction", "heart-beat", "host",
			"login", "passcode", "version", "accept-version", "persistent", "priority", "expiration", "reply-to",
			"user-id");

	private static final List<String> RESERVED_PREFIXES = List.of("simp", "nativeheaders", "railside-");

	/**
	 * Check a message's headers.
	 * @param headers the {@code headers} member, or {@code null} when missing
	 * @param pointer where it is in the request, for the error
	 * @return the headers in their order
	 */
	Map<String, String> check(@Nullable JsonNode headers, String pointer) {
		if (headers == null || headers.isNull()) {
			return Map.of();
		}
		if (!headers.isObject()) {
			throw refused(pointer, "Headers are a JSON object of names to string values.");
		}
		if (headers.size() > MAX_HEADERS) {
			throw refused(pointer, "A message carries at most " + MAX_HEADERS + " headers.");
		}
		Map<String, String> checked = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> header : headers.properties()) {
			checked.put(checkName(header.getKey(), pointer), checkValue(header, pointer + "/" + header.getKey()));
		}
		return checked;
	}

	private static String checkName(String name, String pointer) {
		if (!NAME.matcher(name).matches()) {
			throw refused(pointer, "Header names are 1 to 64 letters, digits, '_' and '-'.");
		}
		String lowerCase = name.toLowerCase(Locale.ROOT);
		if (RESERVED.contains(lowerCase) || RESERVED_PREFIXES.stream().anyMatch(lowerCase::startsWith)) {
			throw refused(pointer + "/" + name, "The header " + name + " is reserved for STOMP, Spring or Railside.");
		}
		return name;
	}

	private static String checkValue(Map.Entry<String, JsonNode> header, String pointer) {
		JsonNode value = header.getValue();
		if (!value.isString() || value.stringValue().length() > MAX_VALUE_LENGTH
				|| value.stringValue().chars().anyMatch(Character::isISOControl)) {
			throw refused(pointer, "The value of header " + header.getKey() + " must be a string of at most "
					+ MAX_VALUE_LENGTH + " characters without control characters.");
		}
		return value.stringValue();
	}

	private static PublishException refused(String pointer, String sentence) {
		return new PublishException(Problem.BAD_HEADERS, sentence, pointer);
	}

}
