package io.railside.stream;

import io.railside.broker.BrokerStatus;
import io.railside.history.PositionReceipt;
import io.railside.stomp.StompRefusals;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

/**
 * Answers whoever published a message once RabbitMQ has taken it or not: the publish API
 * through the message's {@link PositionReceipt}, a STOMP client with the RECEIPT it asked
 * for, or, refused, with ERROR {@code broker.unavailable}.
 */
class StreamAnswers {

	private final MessageChannel clientOutboundChannel;

	private final StompRefusals refusals;

	StreamAnswers(MessageChannel clientOutboundChannel, StompRefusals refusals) {
		this.clientOutboundChannel = clientOutboundChannel;
		this.refusals = refusals;
	}

	void taken(Message<?> message) {
		PositionReceipt receipt = receiptOf(message);
		if (receipt != null) {
			receipt.take();
			return;
		}
		String receiptId = NativeMessageHeaderAccessor.getFirstNativeHeader(StompHeaderAccessor.STOMP_RECEIPT_HEADER,
				message.getHeaders());
		String sessionId = StompHeaderAccessor.getSessionId(message.getHeaders());
		if (receiptId != null && sessionId != null) {
			StompHeaderAccessor answer = StompHeaderAccessor.create(StompCommand.RECEIPT);
			answer.setReceiptId(receiptId);
			answer.setSessionId(sessionId);
			this.clientOutboundChannel.send(MessageBuilder.createMessage(new byte[0], answer.getMessageHeaders()));
		}
	}

	void refused(Message<?> message, String reason) {
		PositionReceipt receipt = receiptOf(message);
		if (receipt != null) {
			receipt.refuse(new IllegalStateException(reason));
			return;
		}
		String sessionId = StompHeaderAccessor.getSessionId(message.getHeaders());
		if (sessionId != null) {
			this.refusals.refuse(sessionId, StompHeaderAccessor.getSessionAttributes(message.getHeaders()),
					StompHeaderAccessor.getUser(message.getHeaders()), NativeMessageHeaderAccessor
						.getFirstNativeHeader(StompHeaderAccessor.STOMP_RECEIPT_HEADER, message.getHeaders()),
					BrokerStatus.unavailable());
		}
	}

	static @Nullable PositionReceipt receiptOf(Message<?> message) {
		return message.getHeaders().get(PositionReceipt.HEADER, PositionReceipt.class);
	}

}
