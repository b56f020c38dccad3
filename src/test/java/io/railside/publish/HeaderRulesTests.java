package io.railside.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link HeaderRules}: every name STOMP, Spring, Railside or RabbitMQ's STOMP
 * plugin acts on is refused in any case of letters, with a sentence that says why; any
 * other name passes its value on exactly.
 */
class HeaderRulesTests {

	/**
	 * The headers RabbitMQ 3.10's STOMP plugin reads from a SEND or SUBSCRIBE frame
	 * ({@code rabbit_stomp_headers.hrl}), and the routing headers of its broker.
	 */
	static final List<String> RABBITMQ_HEADERS = List.of("amqp-message-id", "app-id", "auto-delete", "content-encoding",
			"content-type", "correlation-id", "destination", "durable", "exclusive", "expiration", "message-id",
			"persistent", "prefetch-count", "priority", "receipt", "redelivered", "reply-to", "subscription",
			"timestamp", "transaction", "type", "user-id", "x-dead-letter-exchange", "x-dead-letter-routing-key",
			"x-expires", "x-max-length", "x-max-length-bytes", "x-max-age", "x-max-priority", "x-message-ttl",
			"x-queue-name", "x-queue-type", "x-stream-offset", "x-stream-max-segment-size-bytes", "x-stream-filter",
			"x-stream-filter-size-bytes", "x-stream-filter-value", "x-death", "x-delay", "CC", "BCC");

	private final JsonMapper json = PublishConfiguration.strictJsonMapper();

	private final HeaderRules rules = new HeaderRules();

	@ParameterizedTest
	@MethodSource("reservedNames")
	void refusesEveryReservedNameInAnyCase(String name) {
		for (String spelling : List.of(name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT))) {
			assertThatExceptionOfType(PublishException.class).isThrownBy(() -> check(Map.of(spelling, "1")))
				.satisfies((ex) -> assertThat(ex.problem()).isEqualTo(PublishException.Problem.BAD_HEADERS))
				.satisfies((ex) -> assertThat(ex.pointer()).isEqualTo("/headers/" + spelling))
				.withMessageMatching("The header " + spelling + " is reserved: [^.]+\\.");
		}
	}

	static List<String> reservedNames() {
		List<String> names = new ArrayList<>(RABBITMQ_HEADERS);
		names.addAll(HeaderRules.reservedNames());
		names.addAll(List.of("simpSessionId", "nativeHeaders", "railside-message-id", "selector", "x-custom",
				"X-Request-Id", "heart-beat", "receipt-id", "ack", "id"));
		return names;
	}

	@Test
	void reservesEveryHeaderRabbitMqReads() {
		assertThat(RABBITMQ_HEADERS).allSatisfy((name) -> assertThat(HeaderRules.reservation(name)).isNotNull());
	}

	@ParameterizedTest
	@ValueSource(strings = { "event", "order-id", "Event_Type", "cc-list", "bcc2", "typed", "app", "xray", "X",
			"timestamps", "priority-class", "content", "stamp" })
	void acceptsOtherNames(String name) {
		assertThat(check(Map.of(name, "v"))).containsExactly(Map.entry(name, "v"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", " leading and trailing ", "a:b:c", "back\\slash\\n", "caf\u00e9 \u20ac \u4e2d",
			"\ud83d\ude80 rocket", "\u00a0no-break", "now", "-1", "true", "/temp-queue/x", "\\c" })
	void passesValuesOnExactly(String value) {
		assertThat(check(Map.of("event", value))).containsExactly(Map.entry("event", value));
	}

	@ParameterizedTest
	@ValueSource(strings = { "line\nbreak", "carriage\rreturn", "nul\u0000", "tab\there", "del\u007f",
			"c1\u0085control", "lone \ud800 high", "lone \udc00 low", "reversed \udc00\ud800" })
	void refusesValuesThatWouldNotArriveAsSent(String value) {
		assertThatExceptionOfType(PublishException.class).isThrownBy(() -> check(Map.of("event", value)))
			.satisfies((ex) -> assertThat(ex.pointer()).isEqualTo("/headers/event"));
	}

	@Test
	void acceptsValuesUpToTheLimitCountedInCharacters() {
		String longest = "\u20ac".repeat(HeaderRules.MAX_VALUE_LENGTH);
		assertThat(check(Map.of("event", longest))).containsEntry("event", longest);
		assertThatExceptionOfType(PublishException.class).isThrownBy(() -> check(Map.of("event", longest + "x")));
	}

	private Map<String, String> check(Map<String, String> headers) {
		return this.rules.check(this.json.valueToTree(headers), "/headers");
	}

}
