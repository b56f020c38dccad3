package io.railside.limits;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.railside.stomp.FrameRule;
import io.railside.refusal.Refusal;

import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Refuses frames with too many headers or an over-long header, before any other rule
 * spends time on them.
 */
class FrameHeaderLimit implements FrameRule {

	private final int maxHeaders;

	private final int maxHeaderLength;

	FrameHeaderLimit(int maxHeaders, int maxHeaderLength) {
		this.maxHeaders = maxHeaders;
		this.maxHeaderLength = maxHeaderLength;
	}

	@Override
	public Step step() {
		return Step.HEADER_LIMITS;
	}

	@Override
	public @Nullable Refusal check(StompHeaderAccessor frame) {
		Map<String, List<String>> headers = frame.toNativeHeaderMap();
		int count = 0;
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			for (String value : header.getValue()) {
				count++;
				if (header.getKey().length() + ((value != null) ? value.length() : 0) > this.maxHeaderLength) {
					return Refusal.badFrame("A header may be at most " + this.maxHeaderLength + " characters long.");
				}
			}
		}
		if (count > this.maxHeaders) {
			return Refusal.badFrame("A frame may carry at most " + this.maxHeaders + " headers.");
		}
		return null;
	}

}
