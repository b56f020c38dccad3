package io.railside.bench.load;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * The body every peer carries, of one fixed size: {@code run:seq:intendedNanos:} padded
 * with {@code x}. The intended send time, not the actual one, is what latency is measured
 * from, so a publisher that falls behind cannot hide the delay (no coordinated omission).
 *
 * @param run the measured run (0 for readiness probes)
 * @param seq the message's number within the run
 * @param intendedNanos when the message was meant to be sent, {@link System#nanoTime()}
 */
public record Payload(long run, long seq, long intendedNanos) {

	/** The body size every scenario sends. */
	public static final int SIZE = 256;

	/**
	 * Writes this payload's body, padded to {@link #SIZE}.
	 * @param out where to write
	 */
	public void writeTo(ByteBuf out) {
		int start = out.writerIndex();
		out.writeCharSequence(this.run + ":" + this.seq + ":" + this.intendedNanos + ":", StandardCharsets.US_ASCII);
		out.writeBytes(Padding.X, 0, Math.max(0, SIZE - (out.writerIndex() - start)));
	}

	public String text() {
		ByteBuf buffer = ByteBufAllocator.DEFAULT.heapBuffer(SIZE);
		try {
			writeTo(buffer);
			return buffer.toString(StandardCharsets.US_ASCII);
		}
		finally {
			buffer.release();
		}
	}

	/**
	 * Reads the three numbers at the start of a body.
	 * @param buffer the buffer
	 * @param start the body's first index
	 * @param end the index after the body
	 * @return the payload, or {@code null} for a body of another form
	 */
	public static @Nullable Payload parse(ByteBuf buffer, int start, int end) {
		long[] numbers = new long[3];
		int index = start;
		for (int n = 0; n < 3; n++) {
			long value = 0;
			boolean negative = index < end && buffer.getByte(index) == '-';
			if (negative) {
				index++;
			}
			int digits = 0;
			while (index < end && buffer.getByte(index) != ':') {
				int digit = buffer.getByte(index++) - '0';
				if (digit < 0 || digit > 9) {
					return null;
				}
				value = value * 10 + digit;
				digits++;
			}
			if (digits == 0 || index >= end) {
				return null;
			}
			numbers[n] = negative ? -value : value;
			index++;
		}
		return new Payload(numbers[0], numbers[1], numbers[2]);
	}

	private static final class Padding {

		static final byte[] X = "x".repeat(SIZE).getBytes(StandardCharsets.US_ASCII);

	}

}
