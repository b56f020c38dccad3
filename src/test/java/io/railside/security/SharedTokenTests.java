package io.railside.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SharedToken}.
 */
class SharedTokenTests {

	@Test
	void matchesOnlyTheConfiguredToken() {
		SharedToken token = new SharedToken("s3cret");
		assertThat(token.isEnabled()).isTrue();
		assertThat(token.matches("s3cret")).isTrue();
		assertThat(token.matches("s3cre")).isFalse();
		assertThat(token.matches("s3cret!")).isFalse();
		assertThat(token.matches("S3CRET")).isFalse();
		assertThat(token.matches("")).isFalse();
		assertThat(token.matches(null)).isFalse();
	}

	@Test
	void ignoresWhitespaceAroundTheConfiguredToken() {
		assertThat(new SharedToken(" s3cret\n").matches("s3cret")).isTrue();
	}

	@Test
	void whenUnsetOrBlankThenDisabledAndMatchesNothing() {
		for (String configured : new String[] { null, "", "  \n" }) {
			SharedToken token = new SharedToken(configured);
			assertThat(token.isEnabled()).isFalse();
			assertThat(token.matches(configured)).isFalse();
			assertThat(token.matches("")).isFalse();
		}
	}

}
