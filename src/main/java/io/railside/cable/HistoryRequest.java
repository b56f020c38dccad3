package io.railside.cable;

import java.util.regex.Pattern;

import io.railside.fanout.CableNamespace;
import io.railside.history.Position;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.simp.SimpMessageHeaderAccessor;

/**
 * The history an AnyCable client asks for with a {@code subscribe}: {@code {"since":
 * <unix seconds>, "streams": {"<stream>": {"epoch": ..., "offset": ...}}}}. A position
 * for the subscription's stream is resumed from exactly; otherwise the messages published
 * since the time follow. A request that does not parse is treated as none.
 *
 * @param since the time, in seconds since the Unix epoch, or 0 for none
 * @param streams the positions by stream, as sent
 */
record HistoryRequest(long since, JsonNode streams) {

	/** Seconds past which a time in milliseconds would not fit a long. */
	private static final long MAX_SINCE = Long.MAX_VALUE / 1000;

	private static final Pattern EPOCH = Pattern.compile("[0-9A-Za-z_-]{1,64}");

	static @Nullable HistoryRequest of(JsonNode command) {
		JsonNode history = command.path("history");
		if (!history.isObject()) {
			return null;
		}
		JsonNode since = history.path("since");
		boolean inRange = since.canConvertToLong() && since.asLong() > 0 && since.asLong() < MAX_SINCE;
		return new HistoryRequest(inRange ? since.asLong() : 0, history.path("streams"));
	}

	/**
	 * Put the request on the subscription's SUBSCRIBE, for the broker.
	 * @param stream the subscription's stream
	 * @param subscribe the SUBSCRIBE's headers
	 */
	void ask(String stream, SimpMessageHeaderAccessor subscribe) {
		JsonNode position = this.streams.path(stream);
		String epoch = position.path("epoch").asString(null);
		JsonNode offset = position.path("offset");
		if (epoch != null && EPOCH.matcher(epoch).matches() && offset.canConvertToLong() && offset.asLong() >= 0) {
			subscribe.setNativeHeader(Position.EPOCH_HEADER, epoch);
			subscribe.setNativeHeader(Position.OFFSET_HEADER, Long.toString(offset.asLong()));
		}
		else if (this.since > 0) {
			subscribe.setHeader(CableNamespace.SINCE_HEADER, this.since * 1000);
		}
	}

}
