package io.railside.bench.stomp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StompDecoderTests {

	private final List<String> decoded = new ArrayList<>();

	private final StompDecoder.Sink sink = new StompDecoder.Sink() {

		@Override
		public void message(ByteBuf buffer, int bodyStart, int bodyEnd) {
			StompDecoderTests.this.decoded
				.add("body:" + buffer.toString(bodyStart, bodyEnd - bodyStart, StandardCharsets.UTF_8));
		}

		@Override
		public void frame(StompFrame frame) {
			StompDecoderTests.this.decoded.add(frame.command());
		}

	};

	@Test
	void decodesSeveralFramesInOneMessage() {
		decode(new StompDecoder(), "CONNECTED\nversion:1.2\n\n\0MESSAGE\nsubscription:0\n\nhello\0RECEIPT\n\n\0");

		assertThat(this.decoded).containsExactly("CONNECTED", "body:hello", "RECEIPT");
	}

	@Test
	void joinsAFrameSplitAcrossMessages() {
		StompDecoder decoder = new StompDecoder();

		decode(decoder, "MESSAGE\ndestination:/topic/a\n\nhel");
		decode(decoder, "lo\0MESS");
		decode(decoder, "AGE\n\nworld\0");

		assertThat(this.decoded).containsExactly("body:hello", "body:world");
	}

	@Test
	void skipsHeartbeatsBetweenFrames() {
		decode(new StompDecoder(), "\n\r\nMESSAGE\n\nx\0\n\n");

		assertThat(this.decoded).containsExactly("body:x");
	}

	@Test
	void findsTheBodyAfterCrLfHeaders() {
		decode(new StompDecoder(), "MESSAGE\r\nsubscription:0\r\n\r\nbody\0");

		assertThat(this.decoded).containsExactly("body:body");
	}

	@Test
	void handsOnWhereAMessageStartsForSinksThatReadItsHeaders() {
		List<String> headers = new ArrayList<>();
		StompDecoder.Sink reader = new StompDecoder.Sink() {

			@Override
			public void message(ByteBuf buffer, int bodyStart, int bodyEnd) {
			}

			@Override
			public void message(ByteBuf buffer, int frameStart, int bodyStart, int bodyEnd) {
				headers.add(buffer.toString(frameStart, bodyStart - frameStart, StandardCharsets.UTF_8));
			}

			@Override
			public void frame(StompFrame frame) {
			}

		};
		ByteBuf buffer = Unpooled.copiedBuffer("\nMESSAGE\na:1\n\nx\0MESSAGE\nb:2\n\ny\0", StandardCharsets.UTF_8);

		new StompDecoder().decode(buffer, reader);
		buffer.release();

		assertThat(headers).containsExactly("MESSAGE\na:1\n\n", "MESSAGE\nb:2\n\n");
	}

	@Test
	void doesNotTakeAMessagePrefixedCommandForMessage() {
		decode(new StompDecoder(), "MESSAGES\n\nx\0");

		assertThat(this.decoded).containsExactly("MESSAGES");
	}

	private void decode(StompDecoder decoder, String text) {
		ByteBuf buffer = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
		decoder.decode(buffer, this.sink);
		buffer.release();
	}

}
