package io.railside.cable;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the tests' signed names to what Rails makes: the expected values were printed by
 * Debian's ActiveSupport 6.1, {@code ActiveSupport::MessageVerifier.new(SECRET, digest:
 * "SHA256", serializer: JSON).generate(name)}.
 */
class SignedStreamsTests {

	private static final String SECRET = "railside-tests-cable-secret-0123456789abcdef";

	@Test
	void signsAsActiveSupportsMessageVerifierDoes() {
		assertThat(SignedStreams.sign(SECRET, "gid://railside-test/Greeting/1")).isEqualTo(
				"ImdpZDovL3JhaWxzaWRlLXRlc3QvR3JlZXRpbmcvMSI=--234246aa5d2952ce4caf6b56a35f947b8608d8cf05f1bc82664175c03535c9d8");
	}

	@Test
	void signsNamesWithQuotesAndLettersBeyondAsciiAsActiveSupportsMessageVerifierDoes() {
		assertThat(SignedStreams.sign(SECRET, "chat_Größe Raum \"quoted\"")).isEqualTo(
				"ImNoYXRfR3LDtsOfZSBSYXVtIFwicXVvdGVkXCIi--02c1627ab4c5b37baa3342c4035d2235104bfca03eaed48d703bad5696271705");
	}

}
