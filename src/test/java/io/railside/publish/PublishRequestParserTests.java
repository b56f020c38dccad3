package io.railside.publish;

import java.nio.charset.StandardCharsets;

import io.railside.publish.PublishRequest.Publication;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.MimeTypeUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PublishRequestParser}: how bodies are encoded for subscribers.
 */
class PublishRequestParserTests {

	private final JsonMapper json = PublishConfiguration.strictJsonMapper();

	private final PublishRequestParser parser = new PublishRequestParser(new DestinationRule(200), new HeaderRules(),
			this.json, 1000, 65536);

	@Test
	void sendsAStringBodyAsItsText() {
		Publication message = parseOne("{\"destination\": \"/topic/a\", \"body\": \"caf\\u00e9 \\\"quoted\\\"\"}");
		assertThat(new String(message.body(), StandardCharsets.UTF_8)).isEqualTo("caf\u00e9 \"quoted\"");
		assertThat(message.contentType()).hasToString("text/plain;charset=UTF-8");
	}

	@Test
	void sendsAnyOtherBodyAsCompactJson() {
		Publication message = parseOne(
				"{\"destination\": \"/topic/a\", \"body\": { \"a\" : [ 1, true, null, \"caf\u00e9\" ] } }");
		assertThat(new String(message.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":[1,true,null,\"caf\u00e9\"]}");
		assertThat(message.contentType()).isEqualTo(MimeTypeUtils.APPLICATION_JSON);
	}

	@Test
	void keepsEveryDigitOfANumber() {
		assertThat(bodyOf("19.90")).isEqualTo("19.90");
		assertThat(bodyOf("0.1000000000000000000000000001")).isEqualTo("0.1000000000000000000000000001");
		assertThat(bodyOf("123456789012345678901234567890")).isEqualTo("123456789012345678901234567890");
	}

	@Test
	void sendsNullTrueAndFalseAsJson() {
		assertThat(bodyOf("null")).isEqualTo("null");
		assertThat(bodyOf("true")).isEqualTo("true");
		assertThat(parseOne("{\"destination\": \"/topic/a\", \"body\": false}").contentType())
			.isEqualTo(MimeTypeUtils.APPLICATION_JSON);
	}

	@Test
	void acceptsAnEmptyBatch() {
		PublishRequest request = this.parser.parse(this.json.readTree("{\"messages\": []}"));
		assertThat(request.batch()).isTrue();
		assertThat(request.messages()).isEmpty();
	}

	private String bodyOf(String body) {
		return new String(parseOne("{\"destination\": \"/topic/a\", \"body\": " + body + "}").body(),
				StandardCharsets.UTF_8);
	}

	private Publication parseOne(String request) {
		PublishRequest parsed = this.parser.parse(this.json.readTree(request));
		assertThat(parsed.batch()).isFalse();
		return parsed.messages().get(0);
	}

}
