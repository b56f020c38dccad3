package io.railside.limits;

import java.util.HashMap;

import io.railside.refusal.Refusal;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FrameHeaderLimit}.
 */
class FrameHeaderLimitTests {

	private final FrameHeaderLimit limit = new FrameHeaderLimit(4, 16);

	@Test
	void acceptsExactlyTheMostHeaders() {
		assertThat(this.limit.check(frame("a", "1", "b", "2", "c", "3", "d", "4"))).isNull();
	}

	@Test
	void refusesOneHeaderMore() {
		Refusal rejection = this.limit.check(frame("a", "1", "b", "2", "c", "3", "d", "4", "e", "5"));
		assertThat(rejection).isNotNull();
		assertThat(rejection.code()).isEqualTo("bad_frame");
		assertThat(rejection.sentence()).isEqualTo("A frame may carry at most 4 headers.");
	}

	@Test
	void countsEachValueOfARepeatedHeader() {
		assertThat(this.limit.check(frame("a", "1", "a", "2", "a", "3", "a", "4"))).isNull();
		assertThat(this.limit.check(frame("a", "1", "a", "2", "a", "3", "a", "4", "a", "5"))).isNotNull();
	}

	@Test
	void acceptsAHeaderOfExactlyTheLongestLengthCountingNameAndValue() {
		assertThat(this.limit.check(frame("name", "v".repeat(12)))).isNull();
	}

	@Test
	void refusesAHeaderOneCharacterLonger() {
		Refusal rejection = this.limit.check(frame("name", "v".repeat(13)));
		assertThat(rejection).isNotNull();
		assertThat(rejection.code()).isEqualTo("bad_frame");
		assertThat(rejection.sentence()).isEqualTo("A header may be at most 16 characters long.");
	}

	@Test
	void refusesAnOverLongValueOfARepeatedHeader() {
		assertThat(this.limit.check(frame("name", "short", "name", "v".repeat(13)))).isNotNull();
	}

	@Test
	void acceptsAFrameWithoutHeaders() {
		assertThat(this.limit.check(StompHeaderAccessor.createForHeartbeat())).isNull();
		assertThat(this.limit.check(StompHeaderAccessor.create(StompCommand.DISCONNECT))).isNull();
	}

	private static StompHeaderAccessor frame(String... namesAndValues) {
		StompHeaderAccessor frame = StompHeaderAccessor.create(StompCommand.SEND);
		frame.setSessionAttributes(new HashMap<>());
		for (int i = 0; i < namesAndValues.length; i += 2) {
			frame.addNativeHeader(namesAndValues[i], namesAndValues[i + 1]);
		}
		return frame;
	}

}
