package io.railside.bench.stomp;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StompHeadersTests {

	@Test
	void readsAHeaderInPlace() {
		String frame = "MESSAGE\nsubscription:0\nrailside-epoch:3f2a\nrailside-offset:42\n\nbody";

		assertThat(value(frame, "railside-offset")).isEqualTo("42");
		assertThat(value(frame, "railside-epoch")).isEqualTo("3f2a");
	}

	@Test
	void startsWhereTheFrameStarts() {
		ByteBuf buffer = Unpooled.copiedBuffer("railside-offset:1\0MESSAGE\nrailside-offset:2\n\n",
				StandardCharsets.UTF_8);

		assertThat(StompHeaders.value(buffer, 18, buffer.writerIndex(), "railside-offset")).isEqualTo("2");
	}

	@Test
	void doesNotReadTheCommandOrTheBody() {
		String frame = "MESSAGE\nsubscription:0\n\nrailside-offset:7";

		assertThat(value(frame, "railside-offset")).isNull();
		assertThat(value(frame, "MESSAGE")).isNull();
	}

	@Test
	void readsCrLfHeadersAndTakesTheFirstOfRepeats() {
		assertThat(value("MESSAGE\r\nrailside-offset:5\r\nrailside-offset:6\r\n\r\nbody", "railside-offset"))
			.isEqualTo("5");
	}

	@Test
	void needsTheWholeNameNotAPrefix() {
		assertThat(value("MESSAGE\nrailside-offsets:5\n\nbody", "railside-offset")).isNull();
	}

	private static @Nullable String value(String frame, String name) {
		ByteBuf buffer = Unpooled.copiedBuffer(frame, StandardCharsets.UTF_8);
		try {
			int bodyStart = StompDecoder.bodyStart(buffer, 0, buffer.writerIndex());
			return StompHeaders.value(buffer, 0, bodyStart, name);
		}
		finally {
			buffer.release();
		}
	}

}
