package io.railside.bench.stomp;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;

/**
 * Splits WebSocket message content into STOMP frames, whether a message holds one frame,
 * several, or a part of one. MESSAGE frames go to the sink as a body range of the buffer,
 * without copying, since the generator reads hundreds of thousands a second on the cores
 * the server also needs. Frames end at their NUL: the benchmark's bodies hold none.
 */
public final class StompDecoder {

	private static final byte[] MESSAGE = "MESSAGE".getBytes(StandardCharsets.US_ASCII);

	private @Nullable ByteBuf pending;

	/**
	 * Decodes what {@code in} holds, keeping an unfinished frame for the next call.
	 * @param in the content of one WebSocket message; not released here
	 * @param sink where frames go
	 */
	public void decode(ByteBuf in, Sink sink) {
		ByteBuf buffer = in;
		if (this.pending != null) {
			this.pending.writeBytes(in);
			buffer = this.pending;
		}
		decodeFrames(buffer, sink);
		if (buffer.isReadable() && buffer == in) {
			this.pending = Unpooled.buffer(in.readableBytes() * 2).writeBytes(in);
		}
		else if (this.pending != null) {
			if (this.pending.isReadable()) {
				this.pending.discardReadBytes();
			}
			else {
				release();
			}
		}
	}

	public void release() {
		if (this.pending != null) {
			this.pending.release();
			this.pending = null;
		}
	}

	private static void decodeFrames(ByteBuf buffer, Sink sink) {
		while (true) {
			skipHeartbeats(buffer);
			int start = buffer.readerIndex();
			int end = buffer.indexOf(start, buffer.writerIndex(), (byte) 0);
			if (end < 0) {
				return;
			}
			if (isMessage(buffer, start)) {
				sink.message(buffer, start, bodyStart(buffer, start, end), end);
			}
			else {
				sink.frame(StompFrame.parse(buffer.toString(start, end - start, StandardCharsets.UTF_8)));
			}
			buffer.readerIndex(end + 1);
		}
	}

	private static void skipHeartbeats(ByteBuf buffer) {
		while (buffer.isReadable()) {
			byte b = buffer.getByte(buffer.readerIndex());
			if (b != '\n' && b != '\r') {
				return;
			}
			buffer.skipBytes(1);
		}
	}

	private static boolean isMessage(ByteBuf buffer, int start) {
		if (buffer.writerIndex() - start <= MESSAGE.length) {
			return false;
		}
		for (int i = 0; i < MESSAGE.length; i++) {
			if (buffer.getByte(start + i) != MESSAGE[i]) {
				return false;
			}
		}
		byte next = buffer.getByte(start + MESSAGE.length);
		return next == '\n' || next == '\r';
	}

	/**
	 * Where the body starts: after the first empty line, {@code \n\n} or
	 * {@code \r\n\r\n}.
	 */
	static int bodyStart(ByteBuf buffer, int start, int end) {
		for (int i = start; i < end - 1; i++) {
			if (buffer.getByte(i) == '\n') {
				byte next = buffer.getByte(i + 1);
				if (next == '\n') {
					return i + 2;
				}
				if (next == '\r' && i + 2 < end && buffer.getByte(i + 2) == '\n') {
					return i + 3;
				}
			}
		}
		return end;
	}

	/**
	 * Receives decoded frames.
	 */
	public interface Sink {

		/**
		 * A MESSAGE frame; the range is valid only during the call.
		 * @param buffer the buffer holding the frame
		 * @param bodyStart index of the body's first byte
		 * @param bodyEnd index after the body's last byte
		 */
		void message(ByteBuf buffer, int bodyStart, int bodyEnd);

		/**
		 * A MESSAGE frame with its headers, for a sink that reads them (with
		 * {@link StompHeaders}); the others get the body only.
		 * @param buffer the buffer holding the frame
		 * @param frameStart index of the frame's first byte
		 * @param bodyStart index of the body's first byte
		 * @param bodyEnd index after the body's last byte
		 */
		default void message(ByteBuf buffer, int frameStart, int bodyStart, int bodyEnd) {
			message(buffer, bodyStart, bodyEnd);
		}

		void frame(StompFrame frame);

	}

}
