package io.railside.stomp;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Runs every inbound frame past the {@link FrameRule}s, ends the session of the first
 * frame refused, and drops every later frame of a session that was refused. Refusals are
 * answered here, not thrown: with ordered receipt, Spring would only log a thrown
 * exception, and the client would never learn why.
 */
class FrameGuard implements ChannelInterceptor {

	private final List<FrameRule> rules;

	private final SessionRejector rejector;

	FrameGuard(List<FrameRule> rules, SessionRejector rejector) {
		this.rules = rules;
		this.rejector = rejector;
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor frame = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (frame == null) {
			frame = StompHeaderAccessor.wrap(message);
		}
		if (this.rejector.isRejected(frame)) {
			return null;
		}
		int bodyLength = (message.getPayload() instanceof byte[] body) ? body.length : 0;
		for (FrameRule rule : this.rules) {
			StompRejection rejection = rule.check(frame, bodyLength);
			if (rejection != null) {
				this.rejector.reject(frame, rejection);
				return null;
			}
		}
		return message;
	}

}
