package io.railside.publish;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.MimeType;

/**
 * A publish request once checked: one message, or a batch of them in order.
 *
 * @param messages the messages, in the order they are sent
 * @param batch whether they came as a batch ({@code messages}) rather than one message
 */
record PublishRequest(List<Publication> messages, boolean batch) {

	private static final String USER = "/user/";

	/**
	 * Where in the request a message came from, as a JSON Pointer.
	 * @param index the message's index
	 * @return the pointer, empty for a single message
	 */
	String pointer(int index) {
		return this.batch ? "/messages/" + index : "";
	}

	/**
	 * One message as the broker takes it.
	 *
	 * @param destination a topic or user queue destination
	 * @param body the body as sent to subscribers
	 * @param contentType the body's content type
	 * @param headers headers for subscribers, in order
	 */
	record Publication(String destination, byte[] body, MimeType contentType, Map<String, String> headers) {

		/**
		 * The user a {@code /user/<subject>/queue/<name>} destination names.
		 * @return the subject, or {@code null} for a topic
		 */
		@Nullable String user() {
			return this.destination.startsWith(USER)
					? this.destination.substring(USER.length(), this.destination.indexOf('/', USER.length())) : null;
		}

	}

}
