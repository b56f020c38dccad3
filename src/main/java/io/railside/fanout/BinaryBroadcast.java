package io.railside.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.railside.history.Position;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.util.LinkedMultiValueMap;

/**
 * A broadcast Spring's STOMP handler encodes for each subscriber, as Spring's broker
 * builds its copies: a binary body goes out as binary WebSocket frames, which a shared
 * text frame cannot be.
 */
final class BinaryBroadcast implements Broadcast {

	private static final int OVERHEAD = 512;

	private final Message<?> message;

	private final Map<String, List<String>> nativeHeaders;

	private final int bytes;

	BinaryBroadcast(Message<?> message, byte[] payload) {
		this.message = message;
		this.nativeHeaders = SimpMessageHeaderAccessor.wrap(message).toNativeHeaderMap();
		this.bytes = payload.length + OVERHEAD;
	}

	@Override
	public Message<?> to(String sessionId, String subscriptionId, @Nullable String epoch, long offset) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId(sessionId);
		headers.setSubscriptionId(subscriptionId);
		if (epoch != null) {
			// A copy: the message's own native headers are shared by every subscriber.
			headers.setHeader(NativeMessageHeaderAccessor.NATIVE_HEADERS, positioned(epoch, offset));
		}
		headers.copyHeadersIfAbsent(this.message.getHeaders());
		headers.setLeaveMutable(true);
		return MessageBuilder.createMessage(this.message.getPayload(), headers.getMessageHeaders());
	}

	private Map<String, List<String>> positioned(String epoch, long offset) {
		LinkedMultiValueMap<String, String> natives = new LinkedMultiValueMap<>();
		this.nativeHeaders.forEach((name, values) -> natives.put(name, new ArrayList<>(values)));
		natives.set(Position.EPOCH_HEADER, epoch);
		natives.set(Position.OFFSET_HEADER, Long.toString(offset));
		return natives;
	}

	@Override
	public int bytes() {
		return this.bytes;
	}

}
