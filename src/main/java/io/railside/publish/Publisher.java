package io.railside.publish;

import java.time.Duration;
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
 * (the broker channel has no executor, so that happens within {@code send}). In stream
 * mode the messages go to RabbitMQ all at once, and the answer waits until RabbitMQ has
 * confirmed each (and, briefly, for their positions). Bodies go out as bytes with their
 * content type set, so no message converter second-guesses them.
 */
class Publisher {

	static final String MESSAGE_ID_HEADER = "railside-message-id";

	private static final Log logger = LogFactory.getLog(Publisher.class);

	private final SimpMessagingTemplate template;

	private final SimpUserRegistry users;

	/** Longest wait for RabbitMQ's confirms; the stream gives up on a confirm sooner. */
	private static final Duration TAKEN_TIMEOUT = Duration.ofSeconds(15);

	/** Longest wait, for a whole request, for positions once the messages are taken. */
	private static final Duration POSITION_TIMEOUT = Duration.ofSeconds(1);

	private final BrokerStatus broker;

	private final boolean stream;

	Publisher(SimpMessagingTemplate template, SimpUserRegistry users, BrokerStatus broker, boolean stream) {
		this.template = template;
		this.users = users;
		this.broker = broker;
		this.stream = stream;
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
		if (this.stream) {
			return appendAll(request);
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
	 * Append every message to the stream (a user's message unresolved: every instance
	 * delivers it to the sessions it holds), then wait for RabbitMQ's confirms in order.
	 */
	private List<Published> appendAll(PublishRequest request) {
		List<PositionReceipt> receipts = new ArrayList<>(request.messages().size());
		List<String> ids = new ArrayList<>(request.messages().size());
		try {
			for (Publication message : request.messages()) {
				String id = UUID.randomUUID().toString();
				PositionReceipt receipt = new PositionReceipt();
				this.template.send(message.destination(), toBrokerMessage(message, id, null, receipt));
				ids.add(id);
				receipts.add(receipt);
				if (receipt.isRefused()) {
					// Refused at once (RabbitMQ away): append none after it.
					break;
				}
			}
			for (int i = 0; i < receipts.size(); i++) {
				awaitTaken(request, receipts.get(i), i);
			}
			long deadline = System.nanoTime() + POSITION_TIMEOUT.toNanos();
			List<Published> published = new ArrayList<>(receipts.size());
			for (int i = 0; i < receipts.size(); i++) {
				Position position = (request.messages().get(i).user() != null) ? null
						: receipts.get(i).awaitPosition(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
				published.add(new Published(ids.get(i), position));
			}
			return published;
		}
		catch (MessagingException ex) {
			throw refused(request, receipts.size(), ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw refused(request, 0, "interrupted");
		}
	}

	private void awaitTaken(PublishRequest request, PositionReceipt receipt, int index) throws InterruptedException {
		try {
			receipt.awaitTaken(TAKEN_TIMEOUT);
		}
		catch (PositionReceipt.RefusedException ex) {
			throw refused(request, index, ex.getMessage());
		}
	}

	private static PublishException refused(PublishRequest request, int index, @Nullable String reason) {
		logger.warn("RabbitMQ did not take a published message: " + reason);
		return new PublishException(Problem.UNAVAILABLE,
				"The broker did not take the message" + (request.batch()
						? "; it and those after it may not have been sent, the ones before it were." : "; try again."),
				request.batch() ? request.pointer(index) : null);
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
