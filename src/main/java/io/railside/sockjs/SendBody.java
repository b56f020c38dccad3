package io.railside.sockjs;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * The body of an {@code xhr_send}, read up to a bound before Spring's SockJS service sees
 * it. Spring reads the body whole and Jackson caps a JSON string only at 100 million
 * characters, so a larger body is refused by its {@code Content-Length} before a byte is
 * read, and a body without one (chunked) once the bytes read pass the bound.
 */
final class SendBody {

	/**
	 * What JSON escaping can make of one byte of a frame: a control character becomes a
	 * six-character unicode escape, backslash, {@code u} and four hex digits.
	 */
	private static final int ESCAPED_BYTE = 6;

	/**
	 * The JSON array and quotes around the frames, with room for a few more frames.
	 */
	private static final int FRAMING = 1024;

	private SendBody() {
	}

	/**
	 * The most one {@code xhr_send} may carry: a frame of the largest size even if every
	 * byte of it needs JSON's six-byte escape, plus its brackets and quotes. SockJS
	 * clients send the frames queued while a send is in flight in one request; they share
	 * this bound.
	 * @param maxFrameSize the largest STOMP frame
	 * @return the bound in bytes
	 */
	static int limit(DataSize maxFrameSize) {
		return Math.toIntExact(ESCAPED_BYTE * maxFrameSize.toBytes() + FRAMING);
	}

	/**
	 * Read the body, stopping one byte past the limit.
	 * @param request the request
	 * @param limit the most bytes to accept
	 * @return the body, or {@code null} when it is longer than the limit
	 * @throws IOException when the client's connection fails
	 */
	static byte @Nullable [] read(HttpServletRequest request, int limit) throws IOException {
		if (request.getContentLengthLong() > limit) {
			return null;
		}
		byte[] body = request.getInputStream().readNBytes(limit + 1);
		return (body.length <= limit) ? body : null;
	}

	/**
	 * The request as Spring's SockJS service sees it after the body was read.
	 * @param request the request
	 * @param body its body
	 * @return a request that reads the body from memory
	 */
	static HttpServletRequest replay(HttpServletRequest request, byte[] body) {
		return new Replayed(request, body);
	}

	/**
	 * The request as the SockJS service sees it: its body, already read and bounded,
	 * served again from memory.
	 */
	private static final class Replayed extends HttpServletRequestWrapper {

		private final byte[] body;

		Replayed(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body was read already");
				}

			};
		}

	}

}
