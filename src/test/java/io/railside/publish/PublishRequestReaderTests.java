package io.railside.publish;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import io.railside.publish.PublishException.Problem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PublishRequestReader}: bodies without a declared length are counted as
 * they are read.
 */
class PublishRequestReaderTests {

	private final PublishRequestReader reader = new PublishRequestReader(JsonMapper.shared(), 64);

	@Test
	void readsABodyUpToTheLimit() throws Exception {
		String json = "{\"destination\": \"/topic/a\", \"body\": \"" + "x".repeat(25) + "\"}";
		assertThat(json).hasSize(64);
		assertThat(this.reader.json(this.reader.read(stream(json))).get("body").stringValue()).hasSize(25);
	}

	@Test
	void stopsReadingAtTheLimitOfABodyThatArrivesInParts() {
		InputStream parts = new SequenceInputStream(
				Collections.enumeration(List.of(stream("{\"body\": \""), stream("x".repeat(60)), endless())));
		assertThatExceptionOfType(PublishException.class).isThrownBy(() -> this.reader.read(parts))
			.satisfies((ex) -> assertThat(ex.problem()).isEqualTo(Problem.TOO_LARGE));
	}

	@Test
	void refusesWhatIsNotJson() {
		assertThatExceptionOfType(PublishException.class)
			.isThrownBy(() -> this.reader.json(this.reader.read(stream("{\"a\": "))))
			.satisfies((ex) -> assertThat(ex.problem()).isEqualTo(Problem.BAD_JSON))
			.withMessageNotContaining("Unexpected");
	}

	private static InputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A body that never ends, as a client streaming chunks forever would send.
	 * @return the stream
	 */
	private static InputStream endless() {
		return new InputStream() {

			@Override
			public int read() {
				return 'x';
			}

		};
	}

}
