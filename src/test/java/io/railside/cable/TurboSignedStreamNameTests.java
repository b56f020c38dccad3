package io.railside.cable;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks {@link SignedStreamNames} against a signed stream name made by turbo-rails
 * itself, not by Railside's reading of it. turbo-rails' own suite has no literal one (its
 * dummy app's key comes from a generated {@code secret_key_base}); AnyCable's suite
 * (anycable/anycable, {@code utils/message_verifier_test.go}) keeps one, made with
 * {@code Turbo.signed_stream_verifier_key = "s3Krit"} and
 * {@code Turbo::StreamsChannel.signed_stream_name([:chat, "2021"])}.
 */
class TurboSignedStreamNameTests {

	private static final String KEY = "s3Krit";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SIGNED = "ImNoYXQ6MjAyMSI=--f9ee45dbccb1da04d8ceb99cc820207804370ba0d06b46fc3b8b373af1315628";

	@Test
	void aNameSignedByTurboRailsIsVerified() {
		assertThat(new SignedStreamNames(KEY, JSON).verify(SIGNED)).isEqualTo("chat:2021");
	}

	@Test
	void withAnotherKeyItIsNot() {
		assertThat(new SignedStreamNames("another", JSON).verify(SIGNED)).isNull();
	}

}
