package io.railside.publish;

import java.io.IOException;
import java.io.InputStream;

import io.railside.publish.PublishException.Problem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a publish request's body, counting bytes as they arrive, so that a body without a
 * Content-Length (chunked) is cut off at the limit too, and parses it as JSON. The bytes
 * are kept apart from the JSON because an {@code Idempotency-Key} is matched with a hash
 * of the body as sent.
 */
class PublishRequestReader {

	private final JsonMapper json;

	private final int maxRequestSize;

	PublishRequestReader(JsonMapper json, int maxRequestSize) {
		this.json = json;
		this.maxRequestSize = maxRequestSize;
	}

	/**
	 * Read the body.
	 * @param body the request body
	 * @return its bytes, at most the limit
	 * @throws IOException when the body cannot be read
	 */
	byte[] read(InputStream body) throws IOException {
		byte[] bytes = body.readNBytes(this.maxRequestSize + 1);
		if (bytes.length > this.maxRequestSize) {
			throw new PublishException(Problem.TOO_LARGE,
					"A request body may be at most " + this.maxRequestSize + " bytes long.");
		}
		return bytes;
	}

	/**
	 * Whether a text is one JSON value, by the same strict rules as a request body.
	 * @param text the text
	 * @return whether it is
	 */
	boolean parses(String text) {
		try {
			this.json.readTree(text);
			return !text.isBlank();
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/**
	 * Parse a body read with {@link #read(InputStream)}.
	 * @param bytes the body
	 * @return the JSON it holds
	 */
	JsonNode json(byte[] bytes) {
		try {
			return this.json.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new PublishException(Problem.BAD_JSON,
					"The request body is not valid JSON: check quotes, commas and brackets, and send each key once.");
		}
	}

}
