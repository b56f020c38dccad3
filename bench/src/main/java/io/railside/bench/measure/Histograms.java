package io.railside.bench.measure;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

/**
 * Histograms of microseconds: created alike everywhere, and carried between processes as
 * compressed Base64 so a worker's distribution merges exactly, not by its percentiles.
 */
public final class Histograms {

	private static final int DIGITS = 3;

	private Histograms() {
	}

	public static Histogram create() {
		Histogram histogram = new Histogram(DIGITS);
		histogram.setAutoResize(true);
		return histogram;
	}

	public static String encode(Histogram histogram) {
		ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
		int length = histogram.encodeIntoCompressedByteBuffer(buffer);
		return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
	}

	public static Histogram decode(String base64) {
		try {
			return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
		}
		catch (DataFormatException ex) {
			throw new IllegalArgumentException("Not an encoded histogram", ex);
		}
	}

	public static Histogram merge(Collection<Histogram> parts) {
		Histogram total = create();
		parts.forEach(total::add);
		return total;
	}

}
