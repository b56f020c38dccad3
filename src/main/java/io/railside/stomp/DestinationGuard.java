package io.railside.stomp;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * Holds every inbound SUBSCRIBE and SEND to the {@link DestinationRules} before the
 * broker sees it, and drops all frames of a session that was refused.
 */
class DestinationGuard implements ChannelInterceptor {

	private final DestinationRules rules;

	private final SessionRejector rejector;

	DestinationGuard(DestinationRules rules, SessionRejector rejector) {
		this.rules = rules;
		this.rejector = rejector;
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor frame = StompHeaderAccessor.wrap(message);
		if (this.rejector.isRejected(frame)) {
			return null;
		}
		StompCommand command = frame.getCommand();
		if (command == StompCommand.SUBSCRIBE || command == StompCommand.SEND) {
			StompRejection rejection = this.rules.check(command, frame.getDestination());
			if (rejection != null) {
				this.rejector.reject(frame, rejection);
				return null;
			}
		}
		return message;
	}

}
