package io.railside.limits;

import java.util.List;
import java.util.Map;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * A token bucket of bytes per session, beside {@link FrameRateLimit}'s of frames: the
 * frame rate alone lets a client send 50 frames of 64 KiB a second, which the broker
 * hands to every subscriber of the topic, and subscribers on ordinary links are then cut
 * off as slow consumers. A frame costs its body and its headers as they would be written
 * ({@code name:value} and a line end each, and the command's line); past the allowance
 * the session ends with {@code rate_limited}.
 */
class ByteRateLimit extends RateLimit {

	ByteRateLimit(long bytesPerSecond, long burst) {
		super(bytesPerSecond, burst, "Too much data too fast: slow down and reconnect.");
	}

	@Override
	public Step step() {
		return Step.BYTE_RATE;
	}

	@Override
	double cost(StompHeaderAccessor frame, int bodyLength) {
		return size(frame, bodyLength);
	}

	/**
	 * The frame's size on the wire, escaping aside, counting characters of headers as
	 * bytes (header limits keep them small; the body is most of a large frame).
	 */
	static long size(StompHeaderAccessor frame, int bodyLength) {
		StompCommand command = frame.getCommand();
		// The command's line end, the blank line and the NUL; a heart-beat is one line
		// end.
		long size = (command != null) ? command.name().length() + 3 : 1;
		for (Map.Entry<String, List<String>> header : frame.toNativeHeaderMap().entrySet()) {
			for (String value : header.getValue()) {
				size += header.getKey().length() + ((value != null) ? value.length() : 0) + 2;
			}
		}
		return size + bodyLength;
	}

}
