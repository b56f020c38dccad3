package io.railside.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.railside.broker.BrokerStatus;
import io.railside.history.Position;
import io.railside.history.PositionReceipt;
import io.railside.publish.PublishException.Problem;
import io.railside.publish.PublishRequest.Publication;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Hands published messages to the broker, each with a new id that subscribers also get in
 * the {@value #MESSAGE_ID_HEADER} header, and learns where each topic message landed from
 * the {@link PositionReceipt} the in-memory broker fills in while it takes the message
 * (the broker channel has no executor, so that happens within {@code send}). Bodies go
 * out as bytes with their content type set, so no message converter second-guesses them.
 */
class Publisher {

	static final String MESSAGE_ID_HEADER = "railside-message-id";

	private static final Log logger = LogFactory.getLog(Publisher.class);

	private final SimpMessagingTemplate template;

	private final SimpUserRegistry users;

	private final BrokerStatus broker;

	Publisher(SimpMessagingTemplate template, SimpUserRegistry users, BrokerStatus broker) {
		this.template = template;
		this.users = users;
		this.broker = broker;
	}

	/**
	 * Send the messages in order.
	 * @param request the checked request
	 * @return the messages' ids and positions, in order
	 */
	List<Published> publish(PublishRequest request) {
		if (!this.broker.isAvailable()) {
			throw new PublishException(Problem.UNAVAILABLE,
					"The message broker is unavailable, so nothing was sent; retry in a few seconds.", null);
		}
		List<Published> published = new ArrayList<>(request.messages().size());
		for (Publication message : request.messages()) {
			String id = UUID.randomUUID().toString();
			try {
				published.add(new Published(id, send(message, id)));
			}
			catch (MessagingException ex) {
				logger.warn("The broker did not take a published message: " + ex.getMessage());
				throw new PublishException(Problem.UNAVAILABLE, "The broker did not take the message"
						+ (request.batch() ? ", nor any after it; the ones before it were sent." : "; try again."),
						request.batch() ? request.pointer(published.size()) : null);
			}
		}
		return published;
	}

	/**
	 * Send one message; to a user with several sessions, once per session. Spring's user
	 * destination handler, with ordered receipt (which Railside uses), delivers a message
	 * to the first session of a user only and fails on the others ("Expected mutable
	 * SimpMessageHeaderAccessor"); naming the session resolves each copy to one session.
	 * A user queue keeps no history, so its messages have no position.
	 * @return the position of a topic message, or {@code null}
	 */
	private @Nullable Position send(Publication message, String id) {
		String user = message.user();
		if (user == null) {
			PositionReceipt receipt = new PositionReceipt();
			this.template.send(message.destination(), toBrokerMessage(message, id, null, receipt));
			return receipt.position();
		}
		List<String> sessions = sessionsOf(user);
		if (sessions.isEmpty()) {
			this.template.send(message.destination(), toBrokerMessage(message, id, null, null));
		}
		for (String session : sessions) {
			this.template.send(message.destination(), toBrokerMessage(message, id, session, null));
		}
		return null;
	}

	private List<String> sessionsOf(String userName) {
		SimpUser user = this.users.getUser(userName);
		return (user != null) ? user.getSessions().stream().map(SimpSession::getId).toList() : List.of();
	}

	private static Message<byte[]> toBrokerMessage(Publication message, String id, @Nullable String sessionId,
			@Nullable PositionReceipt receipt) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		if (receipt != null) {
			headers.setHeader(PositionReceipt.HEADER, receipt);
		}
		headers.setContentType(message.contentType());
		message.headers().forEach(headers::setNativeHeader);
		headers.setNativeHeader(MESSAGE_ID_HEADER, id);
		headers.setSessionId(sessionId);
		headers.setLeaveMutable(true);
		return MessageBuilder.createMessage(message.body(), headers.getMessageHeaders());
	}

}
