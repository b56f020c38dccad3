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
 * frame, one rule set for every broker mode. Names that STOMP, Spring, Railside or
 * RabbitMQ act on are refused, so that a header only describes the message and never
 * steers delivery; the same rules filter the headers of messages published straight to
 * RabbitMQ.
 */
public class HeaderRules {

	/** Most headers a message may carry. */
	public static final int MAX_HEADERS = 20;

	static final int MAX_VALUE_LENGTH = 1024;

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	/**
	 * Names reserved, in lower case, with why: the list of RabbitMQ 3.10's STOMP plugin
	 * ({@code rabbit_stomp_headers.hrl}, {@code rabbit_stomp_util:message_properties/1})
	 * and the {@code CC}/{@code BCC} routing headers of its broker.
	 */
	private static final Map<String, String> RESERVED = reserved();

	/** Prefixes reserved, in lower case, with why. */
	private static final Map<String, String> RESERVED_PREFIXES = Map.of("x-",
			"RabbitMQ reads x- headers as queue arguments and message annotations", "simp",
			"Spring keeps its own message headers under simp", "nativeheaders",
			"Spring keeps STOMP headers under nativeHeaders", "railside-", "Railside adds railside- headers itself");

	private static Map<String, String> reserved() {
		Map<String, String> reserved = new LinkedHashMap<>();
		add(reserved, "STOMP gives it a meaning of its own",
				List.of("accept-version", "ack", "content-length", "content-type", "destination", "heart-beat", "host",
						"id", "login", "message-id", "passcode", "receipt", "receipt-id", "subscription", "transaction",
						"version"));
		add(reserved, "RabbitMQ reads it as a message property",
				List.of("amqp-message-id", "app-id", "content-encoding", "correlation-id", "expiration", "persistent",
						"priority", "reply-to", "timestamp", "type", "user-id"));
		add(reserved, "RabbitMQ reads it as a queue or subscription setting",
				List.of("auto-delete", "durable", "exclusive", "prefetch-count"));
		add(reserved, "RabbitMQ sets it on the messages it delivers", List.of("redelivered"));
		add(reserved, "RabbitMQ routes a message to the keys it names", List.of("cc", "bcc"));
		add(reserved, "Spring's broker reads it as a subscription selector", List.of("selector"));
		return Map.copyOf(reserved);
	}

	private static void add(Map<String, String> reserved, String reason, List<String> names) {
		names.forEach((name) -> reserved.put(name, reason));
	}

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

	/**
	 * Whether a header that reached the broker some other way (an AMQP message published
	 * straight to RabbitMQ) may be passed on to subscribers, under the rules of the API.
	 * @param name the header's name
	 * @param value its value
	 * @return whether subscribers may see it
	 */
	public static boolean allows(String name, @Nullable Object value) {
		return NAME.matcher(name).matches() && reservation(name) == null && value instanceof String text
				&& isDeliverable(text);
	}

	/**
	 * Why a header name is reserved.
	 * @param name the name
	 * @return the reason, or {@code null} when a backend may use it
	 */
	static @Nullable String reservation(String name) {
		String lowerCase = name.toLowerCase(Locale.ROOT);
		String reason = RESERVED.get(lowerCase);
		if (reason != null) {
			return reason;
		}
		return RESERVED_PREFIXES.entrySet()
			.stream()
			.filter((prefix) -> lowerCase.startsWith(prefix.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	/**
	 * The names reserved one by one, in lower case.
	 * @return the names
	 */
	static Set<String> reservedNames() {
		return RESERVED.keySet();
	}

	/**
	 * The name prefixes reserved, in lower case.
	 * @return the prefixes
	 */
	static Set<String> reservedPrefixes() {
		return RESERVED_PREFIXES.keySet();
	}

	private static String checkName(String name, String pointer) {
		if (!NAME.matcher(name).matches()) {
			throw refused(pointer, "Header names are 1 to 64 letters, digits, '_' and '-'.");
		}
		String reason = reservation(name);
		if (reason != null) {
			throw refused(pointer + "/" + name, "The header " + name + " is reserved: " + reason + ".");
		}
		return name;
	}

	private static String checkValue(Map.Entry<String, JsonNode> header, String pointer) {
		JsonNode value = header.getValue();
		if (!value.isString() || !isDeliverable(value.stringValue())) {
			throw refused(pointer, "The value of header " + header.getKey() + " must be a string of at most "
					+ MAX_VALUE_LENGTH + " characters, without control characters or unpaired surrogates.");
		}
		return value.stringValue();
	}

	/**
	 * Whether a value reaches subscribers as it was sent: a line break would end the
	 * header, and an unpaired surrogate has no UTF-8 form (it would arrive as '?').
	 */
	private static boolean isDeliverable(String value) {
		if (value.length() > MAX_VALUE_LENGTH) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c)) {
				return false;
			}
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	private static PublishException refused(String pointer, String sentence) {
		return new PublishException(Problem.BAD_HEADERS, sentence, pointer);
	}

}
