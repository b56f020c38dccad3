package io.railside.stream;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Delivers a message to a user's queue, read from the stream unresolved, to the sessions
 * of that user this instance holds: one copy per session, each naming its session, as the
 * publish API does (Spring's user destination handler, with ordered delivery, sends a
 * message for several sessions to the first only).
 */
class UserDelivery {

	private static final String USERS = "/user/";

	private final SimpUserRegistry users;

	private final MessageChannel brokerChannel;

	UserDelivery(SimpUserRegistry users, MessageChannel brokerChannel) {
		this.users = users;
		this.brokerChannel = brokerChannel;
	}

	static boolean isForUser(String destination) {
		return destination.startsWith(USERS);
	}

	void deliver(String destination, Message<byte[]> message) {
		int end = destination.indexOf('/', USERS.length());
		if (end < 0) {
			return;
		}
		// Spring's resolver reads a '/' in a user name as %2F.
		String name = destination.substring(USERS.length(), end).replace("%2F", "/");
		SimpUser user = this.users.getUser(name);
		if (user == null) {
			return;
		}
		for (SimpSession session : user.getSessions()) {
			SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(message);
			headers.setSessionId(session.getId());
			headers.setLeaveMutable(true);
			this.brokerChannel.send(MessageBuilder.createMessage(message.getPayload(), headers.getMessageHeaders()));
		}
	}

}
