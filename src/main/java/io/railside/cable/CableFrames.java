package io.railside.cable;

import io.railside.fanout.Json;

import org.springframework.web.socket.TextMessage;

/**
 * The frames a cable session receives besides deliveries, written as Rails' server writes
 * them.
 */
final class CableFrames {

	static final TextMessage WELCOME = new TextMessage("{\"type\":\"welcome\"}");

	private CableFrames() {
	}

	static TextMessage ping(long epochSeconds) {
		return new TextMessage("{\"type\":\"ping\",\"message\":" + epochSeconds + "}");
	}

	static TextMessage confirm(String identifier) {
		return typed(identifier, "confirm_subscription");
	}

	static TextMessage reject(String identifier) {
		return typed(identifier, "reject_subscription");
	}

	static TextMessage typed(String identifier, String type) {
		StringBuilder frame = new StringBuilder(identifier.length() + 64).append("{\"identifier\":");
		return new TextMessage(Json.quote(identifier, frame).append(",\"type\":\"").append(type).append("\"}"));
	}

	static TextMessage disconnect(String reason, boolean reconnect) {
		return new TextMessage(
				"{\"type\":\"disconnect\",\"reason\":\"" + reason + "\",\"reconnect\":" + reconnect + "}");
	}

}
