package io.railside.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StreamEnd}'s lag.
 */
class StreamEndTests {

	private final StreamEnd end = new StreamEnd();

	@Test
	void beforeTheEndIsKnownThereIsNoLag() {
		assertThat(this.end.lag(-1)).isZero();
		assertThat(this.end.lag(41)).isZero();
	}

	@Test
	void theLagIsHowFarTheReaderIsBehindTheEnd() {
		this.end.seen(100);
		this.end.seen(90);
		assertThat(this.end.lag(40)).isEqualTo(60);
		assertThat(this.end.lag(100)).isZero();
		assertThat(this.end.lag(120)).isZero();
		assertThat(this.end.lag(-1)).as("nothing read yet").isEqualTo(101);
	}

	@Test
	void aStreamCreatedAgainForgetsTheEnd() {
		this.end.seen(100);
		this.end.reset();
		assertThat(this.end.lag(5)).isZero();
	}

}
