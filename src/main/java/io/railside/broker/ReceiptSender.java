package io.railside.broker;

import io.railside.fanout.CableNamespace;
import io.railside.fanout.ResumeReceipts;
import io.railside.history.History;
import io.railside.history.Position;
import io.railside.history.Resume;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.user.UserDestinationMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

/**
 * Answers every frame that carries a {@code receipt} header with a RECEIPT once the
 * handler that owns its destination has handled it, so that a RECEIPT for a SUBSCRIBE
 * means the subscription is in place. Spring's in-memory broker sends none by itself
 * (DISCONNECT receipts excepted, which Spring sends); in stream mode the stream answers
 * the SENDs it appends, once RabbitMQ has confirmed them.
 * <p>
 * A SUBSCRIBE that asks to resume a topic is answered by the in-memory broker itself,
 * whose RECEIPT says whether it recovered; where nothing keeps history (user queues, or
 * history turned off) the RECEIPT says {@code not_supported}, so that one client works
 * everywhere.
 */
class ReceiptSender implements ExecutorChannelInterceptor {

	private static final String RECEIPT = "receipt";

	private final MessageChannel clientOutboundChannel;

	private final boolean stream;

	private final History<?> history;

	ReceiptSender(MessageChannel clientOutboundChannel, boolean stream, History<?> history) {
		this.clientOutboundChannel = clientOutboundChannel;
		this.stream = stream;
		this.history = history;
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
			@Nullable Exception ex) {
		// Called for each handler of every frame: look before wrapping the headers.
		if (NativeMessageHeaderAccessor.getFirstNativeHeader(RECEIPT, message.getHeaders()) == null) {
			return;
		}
		StompHeaderAccessor frame = StompHeaderAccessor.wrap(message);
		String receipt = frame.getReceipt();
		// The in-memory broker answers a cable session's SUBSCRIBE in order.
		if (receipt == null || ex != null || !needsReceipt(frame.getCommand())
				|| CableNamespace.isCable(frame.getDestination()) || !ownsDestination(handler, frame.getDestination())
				|| isAppended(frame)) {
			return;
		}
		boolean resume = frame.getCommand() == StompCommand.SUBSCRIBE
				&& frame.getFirstNativeHeader(Position.OFFSET_HEADER) != null;
		if (resume && this.history.isEnabled() && isTopic(frame.getDestination())) {
			return;
		}
		StompHeaderAccessor answer = StompHeaderAccessor.create(StompCommand.RECEIPT);
		answer.setReceiptId(receipt);
		answer.setSessionId(frame.getSessionId());
		if (resume) {
			notSupported(answer, this.history);
		}
		this.clientOutboundChannel.send(MessageBuilder.createMessage(new byte[0], answer.getMessageHeaders()));
	}

	/**
	 * Whether the stream answers the frame: a SEND it appends is answered once RabbitMQ
	 * confirms it.
	 */
	private boolean isAppended(StompHeaderAccessor frame) {
		String destination = frame.getDestination();
		return this.stream && frame.getCommand() == StompCommand.SEND && destination != null
				&& (isTopic(destination) || destination.startsWith("/user/"));
	}

	private static boolean needsReceipt(@Nullable StompCommand command) {
		return command != null && command != StompCommand.CONNECT && command != StompCommand.STOMP
				&& command != StompCommand.DISCONNECT;
	}

	/**
	 * Say on a RECEIPT that the resume it answers cannot recover.
	 * @param answer the RECEIPT's headers
	 * @param history where resumes are counted
	 */
	static void notSupported(StompHeaderAccessor answer, History<?> history) {
		history.count(Resume.Outcome.NOT_SUPPORTED);
		ResumeReceipts.notSupported(answer);
	}

	private static boolean isTopic(@Nullable String destination) {
		return destination != null && destination.startsWith("/topic/");
	}

	private static boolean ownsDestination(MessageHandler handler, @Nullable String destination) {
		if (destination != null && destination.startsWith("/user/")) {
			return handler instanceof UserDestinationMessageHandler;
		}
		return handler instanceof AbstractBrokerMessageHandler;
	}

}
