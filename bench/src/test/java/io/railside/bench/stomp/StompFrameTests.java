package io.railside.bench.stomp;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StompFrameTests {

	@Test
	void encodesCommandHeadersBodyAndNul() {
		byte[] encoded = StompFrame.of("SUBSCRIBE", "id", "0", "destination", "/topic/a").encode();

		assertThat(new String(encoded, StandardCharsets.UTF_8))
			.isEqualTo("SUBSCRIBE\nid:0\ndestination:/topic/a\n\n\0");
	}

	@Test
	void escapesHeaderValuesAndParsesThemBack() {
		StompFrame frame = StompFrame.of("ERROR", "message", "a:b\nc\\d");

		String encoded = new String(frame.encode(), StandardCharsets.UTF_8);

		assertThat(encoded).contains("message:a\\cb\\nc\\\\d\n");
		assertThat(StompFrame.parse(encoded.substring(0, encoded.length() - 1)).header("message"))
			.isEqualTo("a:b\nc\\d");
	}

	@Test
	void parsesCrLfFramesAndKeepsTheFirstOfRepeatedHeaders() {
		StompFrame frame = StompFrame.parse("CONNECTED\r\nversion:1.2\r\nversion:1.0\r\n\r\nbody");

		assertThat(frame.command()).isEqualTo("CONNECTED");
		assertThat(frame.header("version")).isEqualTo("1.2");
		assertThat(frame.body()).isEqualTo("body");
	}

	@Test
	void answersEmptyForAMissingHeader() {
		assertThat(StompFrame.parse("RECEIPT\n\n").header("receipt-id")).isEmpty();
	}

}
