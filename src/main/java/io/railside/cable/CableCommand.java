package io.railside.cable;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A command as a cable client writes it: {@code {"command": ..., "identifier": ...}}, the
 * identifier being a string (the channel's parameters as JSON, echoed byte for byte in
 * every answer). AnyCable's {@code pong} alone has no identifier.
 *
 * @param name the command
 * @param identifier the identifier, or {@code null} for a {@code pong}
 * @param body the whole command, for what else it carries ({@code history})
 */
record CableCommand(String name, @Nullable String identifier, JsonNode body) {

	static final String PONG = "pong";

	/**
	 * Read a command.
	 * @param text what the client sent
	 * @param json the JSON mapper
	 * @return the command, or {@code null} when it is not one
	 */
	static @Nullable CableCommand parse(String text, JsonMapper json) {
		JsonNode body;
		try {
			body = json.readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
		String name = (body != null && body.isObject()) ? body.path("command").asString(null) : null;
		if (name == null) {
			return null;
		}
		JsonNode identifier = body.path("identifier");
		if (identifier.isString()) {
			return new CableCommand(name, identifier.asString(), body);
		}
		return PONG.equals(name) ? new CableCommand(name, null, body) : null;
	}

}
