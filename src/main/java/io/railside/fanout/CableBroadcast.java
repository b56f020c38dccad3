package io.railside.fanout;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.TextMessage;

/**
 * A broadcast to an Action Cable stream, encoded once: the message (JSON already, checked
 * where it was published) and the stream name, with only the subscription's
 * {@code identifier} and the position written per subscriber. Each copy is the whole
 * WebSocket message a cable client reads: {@code {"identifier":...,"message":...}}, and
 * with a position AnyCable's extended protocol's {@code stream_id}, {@code epoch} and
 * {@code offset}.
 */
final class CableBroadcast implements Broadcast {

	/** What a kept message costs beyond its text. */
	private static final int OVERHEAD = 96;

	private final byte[] message;

	private final String streamId;

	private CableBroadcast(byte[] message, String streamId) {
		this.message = message;
		this.streamId = streamId;
	}

	static CableBroadcast of(String destination, byte[] payload) {
		return new CableBroadcast(FrameText.asSent(payload), Json.quote(CableNamespace.stream(destination)));
	}

	@Override
	public Message<TextMessage> to(String sessionId, String identifier, @Nullable String epoch, long offset) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId(sessionId);
		headers.setSubscriptionId(identifier);
		headers.setHeader(CableNamespace.SESSION_HEADER, Boolean.TRUE);
		// Spring's ordered outbound channel adds a header of its own.
		headers.setLeaveMutable(true);
		return MessageBuilder.createMessage(frame(sessionId, identifier, epoch, offset), headers.getMessageHeaders());
	}

	@Override
	public TextMessage frame(String sessionId, String identifier, @Nullable String epoch, long offset) {
		StringBuilder head = new StringBuilder(identifier.length() + 32).append("{\"identifier\":");
		Json.quote(identifier, head).append(",\"message\":");
		StringBuilder tail = new StringBuilder(96);
		if (epoch != null) {
			// An epoch is hexadecimal: nothing to escape.
			tail.append(",\"stream_id\":")
				.append(this.streamId)
				.append(",\"epoch\":\"")
				.append(epoch)
				.append("\",\"offset\":")
				.append(offset);
		}
		return FrameText.of(head, this.message, tail.append('}'));
	}

	@Override
	public boolean isCable() {
		return true;
	}

	@Override
	public int bytes() {
		return this.message.length + this.streamId.length() * 2 + OVERHEAD;
	}

}
