package io.railside.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topic patterns of the {@code subscribe} and {@code publish} claims: whole segments
 * only, {@code *} for one segment, a trailing {@code **} for one or more.
 */
class TopicPatternsTests {

	@ParameterizedTest(name = "{0} matches {1}")
	@CsvSource({ "orders.42, orders.42", "orders, orders", "orders.*, orders.42", "*.42, orders.42", "*, orders",
			"orders.*.lines, orders.42.lines", "chat.**, chat.room-1", "chat.**, chat.room-1.typing",
			"chat.**, chat.a.b.c.d", "**, orders", "**, orders.42" })
	void matches(String pattern, String topic) {
		assertThat(TopicPatterns.matches(pattern, topic)).isTrue();
	}

	@ParameterizedTest(name = "{0} does not match {1}")
	@CsvSource({ "orders.42, orders.43", "orders.42, orders", "orders.42, orders.42.lines", "orders, orders.42",
			"orders.*, orders", "orders.*, orders.42.lines", "*, orders.42", "chat.**, chat", "chat.**, chatter.x",
			"orders.4, orders.42", "orders.42, orders.4", "order, orders", "orders.4*, orders.42",
			"orders.*2, orders.42", "chat.**.typing, chat.room-1.typing", "Orders.42, orders.42" })
	void doesNotMatch(String pattern, String topic) {
		assertThat(TopicPatterns.matches(pattern, topic)).isFalse();
	}

	@Test
	void anEmptyPatternMatchesNoTopic() {
		assertThat(TopicPatterns.matches("", "orders")).isFalse();
		assertThat(TopicPatterns.matches("", "orders.42")).isFalse();
	}

	@Test
	void anyMatchesWhenOnePatternOfSeveralMatches() {
		assertThat(TopicPatterns.anyMatches(List.of("news.*", "orders.42"), "orders.42")).isTrue();
		assertThat(TopicPatterns.anyMatches(List.of("news.*", "orders.42"), "orders.43")).isFalse();
	}

	@Test
	void noPatternsMatchNothing() {
		assertThat(TopicPatterns.anyMatches(List.of(), "orders.42")).isFalse();
	}

}
