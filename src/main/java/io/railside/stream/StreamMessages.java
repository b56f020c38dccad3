package io.railside.stream;

import java.util.List;
import java.util.Map;

import com.rabbitmq.stream.MessageBuilder;
import io.railside.fanout.Bus;
import io.railside.publish.HeaderRules;
import io.railside.stomp.DestinationNames;
import io.railside.stomp.StompProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;

/**
 * Turns a published message into a stream message and back. Railside's own messages carry
 * their destination in the AMQP {@code to} property, their STOMP headers as application
 * properties, and the publishing instance in {@code message-id}; a message that a backend
 * published straight to the bound exchange carries its routing key in the
 * {@code x-routing-key} annotation, and is checked as the publish API would check it,
 * since nothing else has.
 */
final class StreamMessages {

	static final String TOPICS = "/topic/";

	/**
	 * Subject of the marker an instance appends at start-up, to know when it has caught
	 * up.
	 */
	static final String MARKER = "railside.marker";

	private static final String ROUTING_KEY = "x-routing-key";

	/** STOMP headers that the destination, the body or the subscriber decide. */
	private static final List<String> FRAME_HEADERS = List.of(StompHeaderAccessor.STOMP_DESTINATION_HEADER,
			StompHeaderAccessor.STOMP_CONTENT_TYPE_HEADER, StompHeaderAccessor.STOMP_CONTENT_LENGTH_HEADER,
			StompHeaderAccessor.STOMP_RECEIPT_HEADER, StompHeaderAccessor.STOMP_SUBSCRIPTION_HEADER,
			StompHeaderAccessor.STOMP_MESSAGE_ID_HEADER, "ack", "transaction");

	private final int maxNameLength;

	private final long maxBodySize;

	/**
	 * @param maxNameLength the longest topic name a straight-published message may use
	 * @param maxBodySize the largest body a straight-published message may have
	 */
	StreamMessages(int maxNameLength, long maxBodySize) {
		this.maxNameLength = maxNameLength;
		this.maxBodySize = maxBodySize;
	}

	/**
	 * Write a published message into a stream message.
	 * @param message a message to a topic or to a user's queue, with a {@code byte[]}
	 * body
	 * @param origin what names this append on this instance
	 * @param builder the producer's message builder
	 * @return the stream message
	 */
	com.rabbitmq.stream.Message encode(Message<?> message, String origin, MessageBuilder builder) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(message);
		MimeType contentType = headers.getContentType();
		MessageBuilder.PropertiesBuilder properties = builder.properties()
			.to(headers.getDestination())
			.messageId(origin);
		if (contentType != null) {
			properties.contentType(contentType.toString());
		}
		MessageBuilder.ApplicationPropertiesBuilder application = builder.applicationProperties();
		Map<String, List<String>> nativeHeaders = headers.toNativeHeaderMap();
		nativeHeaders.forEach((name, values) -> {
			if (!values.isEmpty() && !FRAME_HEADERS.contains(name)) {
				application.entry(name, values.get(0));
			}
		});
		return builder.addData((byte[]) message.getPayload()).build();
	}

	/**
	 * The marker an instance appends to learn when it has read what came before.
	 * @param origin the instance's marker name
	 * @param builder the producer's message builder
	 * @return the stream message
	 */
	static com.rabbitmq.stream.Message marker(String origin, MessageBuilder builder) {
		return builder.properties().subject(MARKER).messageId(origin).messageBuilder().build();
	}

	/**
	 * Read a stream message back as a message for the broker channel. The caller has
	 * checked it with {@link #rejection(com.rabbitmq.stream.Message)} (once per message:
	 * this runs for every message of the stream).
	 * @param message the stream message
	 * @param offset its offset
	 * @param timestamp when RabbitMQ took it, in milliseconds since the Unix epoch
	 * @return the message, or {@code null} when it has no destination (a marker)
	 */
	@Nullable Message<byte[]> decode(com.rabbitmq.stream.Message message, long offset, long timestamp) {
		String destination = destination(message);
		if (destination == null) {
			return null;
		}
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setDestination(destination);
		com.rabbitmq.stream.Properties properties = message.getProperties();
		if (properties != null && properties.getContentType() != null) {
			headers.setContentType(MimeType.valueOf(properties.getContentType()));
		}
		Map<String, Object> application = message.getApplicationProperties();
		if (application != null) {
			boolean ours = isOurs(message);
			application.forEach((name, value) -> {
				if (ours || HeaderRules.allows(name, value)) {
					headers.setNativeHeader(name, String.valueOf(value));
				}
			});
		}
		headers.setHeader(Bus.OFFSET_HEADER, offset);
		headers.setHeader(Bus.TIMESTAMP_HEADER, timestamp);
		headers.setLeaveMutable(true);
		byte[] body = message.getBodyAsBinary();
		return org.springframework.messaging.support.MessageBuilder.createMessage((body != null) ? body : new byte[0],
				headers.getMessageHeaders());
	}

	/**
	 * Why a message published straight to the exchange is not delivered.
	 * @param message the stream message
	 * @return the reason, or {@code null} when it may be delivered
	 */
	@Nullable String rejection(com.rabbitmq.stream.Message message) {
		if (isOurs(message) || isMarker(message)) {
			return null;
		}
		Object key = routingKey(message);
		if (!(key instanceof String name) || !DestinationNames.isValid(name, this.maxNameLength)
				|| name.startsWith(StompProperties.INTERNAL_TOPIC_PREFIX)) {
			return "its routing key " + key + " is not a topic name (dot-separated words of letters, digits, '_'"
					+ " and '-', at most " + this.maxNameLength + " characters)";
		}
		byte[] body = message.getBodyAsBinary();
		if (body != null && body.length > this.maxBodySize) {
			return "its body of " + body.length + " bytes is larger than the " + this.maxBodySize + " bytes allowed";
		}
		Map<String, Object> headers = message.getApplicationProperties();
		if (headers != null && headers.size() > HeaderRules.MAX_HEADERS) {
			return "it has " + headers.size() + " headers, more than the " + HeaderRules.MAX_HEADERS + " allowed";
		}
		return contentTypeRejection(message);
	}

	private static @Nullable String contentTypeRejection(com.rabbitmq.stream.Message message) {
		com.rabbitmq.stream.Properties properties = message.getProperties();
		String contentType = (properties != null) ? properties.getContentType() : null;
		if (contentType == null) {
			return null;
		}
		try {
			MimeType.valueOf(contentType);
			return null;
		}
		catch (InvalidMimeTypeException ex) {
			return "its content type " + contentType + " is not a media type";
		}
	}

	/**
	 * The destination a stream message is for.
	 * @param message the stream message
	 * @return the destination, or {@code null} for a marker
	 */
	static @Nullable String destination(com.rabbitmq.stream.Message message) {
		com.rabbitmq.stream.Properties properties = message.getProperties();
		if (properties != null && properties.getTo() != null) {
			return properties.getTo();
		}
		Object key = routingKey(message);
		return (!isMarker(message) && key != null) ? TOPICS + key : null;
	}

	/**
	 * The name an append of this instance gave its message, if any.
	 * @param message the stream message
	 * @return the origin, or {@code null}
	 */
	static @Nullable String origin(com.rabbitmq.stream.Message message) {
		com.rabbitmq.stream.Properties properties = message.getProperties();
		// A message published straight has a message-id of its publisher's choosing.
		Object id = (properties != null && (isOurs(message) || isMarker(message))) ? properties.getMessageId() : null;
		return (id instanceof String origin) ? origin : null;
	}

	static boolean isMarker(com.rabbitmq.stream.Message message) {
		com.rabbitmq.stream.Properties properties = message.getProperties();
		return properties != null && MARKER.equals(properties.getSubject());
	}

	private static boolean isOurs(com.rabbitmq.stream.Message message) {
		com.rabbitmq.stream.Properties properties = message.getProperties();
		return properties != null && properties.getTo() != null;
	}

	private static @Nullable Object routingKey(com.rabbitmq.stream.Message message) {
		Map<String, Object> annotations = message.getMessageAnnotations();
		return (annotations != null) ? annotations.get(ROUTING_KEY) : null;
	}

}
