package io.railside.publish;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.railside.publish.PublishException.Problem;
import io.railside.publish.PublishRequest.Publication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * Turns a publish request's JSON into messages the broker takes, checking every message
 * of a batch before any is sent. A string body goes out as its text, any other JSON value
 * as its compact JSON.
 */
class PublishRequestParser {

	static final MimeType TEXT_PLAIN = new MimeType(MimeTypeUtils.TEXT_PLAIN, StandardCharsets.UTF_8);

	private static final Set<String> FIELDS = Set.of("destination", "body", "headers");

	private final DestinationRule destinations;

	private final HeaderRules headers;

	private final JsonMapper json;

	private final int maxBatchSize;

	private final long maxBodySize;

	PublishRequestParser(DestinationRule destinations, HeaderRules headers, JsonMapper json, int maxBatchSize,
			long maxBodySize) {
		this.destinations = destinations;
		this.headers = headers;
		this.json = json;
		this.maxBatchSize = maxBatchSize;
		this.maxBodySize = maxBodySize;
	}

	PublishRequest parse(JsonNode request) {
		if (request.isObject() && request.has("messages")) {
			if (request.size() > 1) {
				throw badJson("",
						"Send either one message (destination, body) or a batch (messages) with nothing beside it.");
			}
			return new PublishRequest(batch(request.get("messages")), true);
		}
		if (!request.isObject() || !request.has("destination")) {
			throw badJson("", "Send {\"destination\": ..., \"body\": ...} for one message, "
					+ "or {\"messages\": [...]} for a batch.");
		}
		return new PublishRequest(List.of(message(request, "")), false);
	}

	private List<Publication> batch(JsonNode messages) {
		if (!messages.isArray()) {
			throw badJson("/messages", "messages must be an array of messages.");
		}
		if (messages.size() > this.maxBatchSize) {
			throw new PublishException(Problem.TOO_LARGE, "A batch holds at most " + this.maxBatchSize + " messages.",
					"/messages");
		}
		List<Publication> batch = new ArrayList<>(messages.size());
		for (int i = 0; i < messages.size(); i++) {
			batch.add(message(messages.get(i), "/messages/" + i));
		}
		return batch;
	}

	private Publication message(JsonNode message, String pointer) {
		if (!message.isObject() || !FIELDS.containsAll(message.propertyNames())) {
			throw badJson(pointer, "A message is a JSON object with destination, body and optional headers.");
		}
		String destination = this.destinations.check(message.get("destination"), pointer + "/destination");
		JsonNode body = message.get("body");
		if (body == null) {
			throw badJson(pointer, "A message needs a body: a string, or any other JSON value.");
		}
		Map<String, String> headers = this.headers.check(message.get("headers"), pointer + "/headers");
		if (body.isString()) {
			return new Publication(destination, bytes(body.stringValue(), pointer), TEXT_PLAIN, headers);
		}
		return new Publication(destination, bytes(this.json.writeValueAsString(body), pointer),
				MimeTypeUtils.APPLICATION_JSON, headers);
	}

	private byte[] bytes(String body, String pointer) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		if (bytes.length > this.maxBodySize) {
			throw new PublishException(Problem.TOO_LARGE,
					"A message body may be at most " + this.maxBodySize + " bytes long.", pointer + "/body");
		}
		return bytes;
	}

	private static PublishException badJson(String pointer, String sentence) {
		return new PublishException(Problem.BAD_JSON, sentence, pointer.isEmpty() ? null : pointer);
	}

}
