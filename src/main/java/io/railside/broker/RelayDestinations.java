package io.railside.broker;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Maps the user queues Spring resolves ({@code /queue/notices-user<session>}) onto
 * RabbitMQ's direct exchange, {@code /exchange/amq.direct/notices-user<session>}. A
 * RabbitMQ {@code /queue/...} destination is a durable queue that outlives the session;
 * an exchange subscription is an exclusive, auto-deleted queue, and a message for a
 * session that has gone is dropped instead of piling up.
 */
class RelayDestinations implements ChannelInterceptor {

	private static final String QUEUE = "/queue/";

	private static final String DIRECT = "/exchange/amq.direct/";

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
		if (destination == null || !destination.startsWith(QUEUE)) {
			return message;
		}
		MessageHeaderAccessor mutable = MessageHeaderAccessor.getMutableAccessor(message);
		SimpMessageHeaderAccessor accessor = (mutable instanceof SimpMessageHeaderAccessor simp) ? simp
				: SimpMessageHeaderAccessor.wrap(message);
		accessor.setDestination(DIRECT + destination.substring(QUEUE.length()));
		if (accessor.getMessageType() == SimpMessageType.MESSAGE) {
			// The session id only picked the target session; left in place, the relay
			// would
			// look for that session's own connection, which another instance's session
			// has
			// not here, and drop the message. Without it, the system connection sends it.
			accessor.setSessionId(null);
		}
		return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
	}

}
