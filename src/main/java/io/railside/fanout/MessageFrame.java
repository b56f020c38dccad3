package io.railside.fanout;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import io.railside.history.Position;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.TextMessage;

/**
 * A MESSAGE frame encoded once for all subscribers of a destination: the headers Spring
 * would send (those of the SEND, destination, content type and length) and the body, with
 * only the {@code subscription} and {@code message-id} headers written per subscriber.
 */
public final class MessageFrame implements Broadcast {

	private static final String COMMAND = "MESSAGE\n";

	private static final AtomicLong messageIds = new AtomicLong();

	/** What a kept frame costs beyond its text: the string, the entry and its place. */
	private static final int OVERHEAD = 96;

	private final byte[] rest;

	private final boolean hasMessageId;

	private final int bytes;

	private MessageFrame(byte[] rest, boolean hasMessageId, int bytes) {
		this.rest = rest;
		this.hasMessageId = hasMessageId;
		this.bytes = bytes;
	}

	/**
	 * Encode a broker message once, unless Spring must encode it per subscriber: a user
	 * destination (its destination is rewritten per session) or a binary body (sent as
	 * binary WebSocket frames, except over SockJS).
	 * @param message the message the broker is to broadcast
	 * @param encoder the STOMP encoder
	 * @return the shared frame, or {@code null} when Spring's own path must send it
	 */
	static @Nullable MessageFrame of(Message<?> message, StompEncoder encoder) {
		if (!(message.getPayload() instanceof byte[] payload)) {
			return null;
		}
		// The headers Spring's broker copies from the SEND into each subscriber's
		// message.
		StompHeaderAccessor frame = StompHeaderAccessor.wrap(message);
		frame.setHeader(SimpMessageHeaderAccessor.MESSAGE_TYPE_HEADER, SimpMessageType.MESSAGE);
		if (frame.getFirstNativeHeader(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION) != null
				|| isBinary(frame, payload)) {
			return null;
		}
		boolean hasMessageId = frame.getMessageId() != null;
		frame.updateStompCommandAsServerMessage();
		if (!hasMessageId) {
			frame.removeNativeHeader(StompHeaderAccessor.STOMP_MESSAGE_ID_HEADER);
		}
		frame.removeNativeHeader(StompHeaderAccessor.STOMP_SUBSCRIPTION_HEADER);
		byte[] encoded = FrameText.asSent(encoder.encode(frame.getMessageHeaders(), payload));
		// What it takes on the wire and in memory.
		return new MessageFrame(Arrays.copyOfRange(encoded, COMMAND.length(), encoded.length), hasMessageId,
				encoded.length + OVERHEAD);
	}

	private static boolean isBinary(StompHeaderAccessor frame, byte[] payload) {
		return payload.length > 0 && MimeTypeUtils.APPLICATION_OCTET_STREAM.isCompatibleWith(frame.getContentType());
	}

	/**
	 * The frame for one subscription, as a message for the session's outbound channel;
	 * {@link #encoded(Message)} gives the frame back.
	 * @param sessionId the subscriber's session
	 * @param subscriptionId the subscription's {@code id}
	 * @return the message to send
	 */
	Message<TextMessage> to(String sessionId, String subscriptionId) {
		return to(sessionId, subscriptionId, null, 0);
	}

	@Override
	public Message<TextMessage> to(String sessionId, String subscriptionId, @Nullable String epoch, long offset) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId(sessionId);
		headers.setSubscriptionId(subscriptionId);
		// Spring's ordered outbound channel adds a header of its own.
		headers.setLeaveMutable(true);
		return MessageBuilder.createMessage(frame(sessionId, subscriptionId, epoch, offset),
				headers.getMessageHeaders());
	}

	@Override
	public TextMessage frame(String sessionId, String subscriptionId, @Nullable String epoch, long offset) {
		StringBuilder frame = new StringBuilder(subscriptionId.length() + 160).append(COMMAND).append("subscription:");
		escape(subscriptionId, frame).append('\n');
		if (epoch != null) {
			// An epoch is hexadecimal: nothing to escape.
			frame.append(Position.EPOCH_HEADER)
				.append(':')
				.append(epoch)
				.append('\n')
				.append(Position.OFFSET_HEADER)
				.append(':')
				.append(offset)
				.append('\n');
		}
		if (!this.hasMessageId) {
			frame.append("message-id:").append(sessionId).append('-').append(messageIds.getAndIncrement()).append('\n');
		}
		return FrameText.of(frame, this.rest, "");
	}

	@Override
	public int bytes() {
		return this.bytes;
	}

	/**
	 * The frame a message of {@link #to(String, String)} carries.
	 * @param message a message on its way to a client
	 * @return the encoded frame, or {@code null} if Spring's handler must encode it
	 */
	public static @Nullable TextMessage encoded(Message<?> message) {
		return (message.getPayload() instanceof TextMessage frame) ? frame : null;
	}

	/**
	 * STOMP 1.2 header escaping, as Spring's encoder applies to MESSAGE frames.
	 */
	private static StringBuilder escape(String value, StringBuilder into) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> into.append("\\\\");
				case ':' -> into.append("\\c");
				case '\n' -> into.append("\\n");
				case '\r' -> into.append("\\r");
				default -> into.append(c);
			}
		}
		return into;
	}

}
