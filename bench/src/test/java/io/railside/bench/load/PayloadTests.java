package io.railside.bench.load;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadTests {

	@Test
	void writesAFixedSizeBodyThatParsesBack() {
		Payload payload = new Payload(7, 123, -4_567_890_123L);
		ByteBuf buffer = Unpooled.buffer();
		payload.writeTo(buffer);

		assertThat(buffer.readableBytes()).isEqualTo(Payload.SIZE);
		assertThat(Payload.parse(buffer, 0, buffer.writerIndex())).isEqualTo(payload);
	}

	@Test
	void parsesWithinARangeOfALargerBuffer() {
		ByteBuf buffer = Unpooled.copiedBuffer("MESSAGE\n\n1:2:3:xx\0", StandardCharsets.US_ASCII);

		assertThat(Payload.parse(buffer, 9, 17)).isEqualTo(new Payload(1, 2, 3));
	}

	@Test
	void answersNullForABodyOfAnotherForm() {
		ByteBuf buffer = Unpooled.copiedBuffer("{\"hello\":1}", StandardCharsets.US_ASCII);

		assertThat(Payload.parse(buffer, 0, buffer.writerIndex())).isNull();
	}

}
