package io.railside.broker;

import io.railside.history.History;
import io.railside.history.Position;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

/**
 * In relay mode RabbitMQ keeps no history, yet a SUBSCRIBE that asks to resume must still
 * subscribe, and its RECEIPT (RabbitMQ's, sent once the subscription is in place) must
 * say {@code not_supported}. On the way in the position is removed and the receipt id
 * marked; on the way out a RECEIPT with a marked id gets its id back and the answer.
 */
class RelayResumes implements ChannelInterceptor {

	private static final String MARK = "railside-resume:";

	private static final String RECEIPT_ID = "receipt-id";

	private final History<?> history;

	RelayResumes(History<?> history) {
		this.history = history;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		// Every frame passes here: look before wrapping the headers.
		String receiptId = NativeMessageHeaderAccessor.getFirstNativeHeader(RECEIPT_ID, message.getHeaders());
		if (NativeMessageHeaderAccessor.getFirstNativeHeader(Position.OFFSET_HEADER, message.getHeaders()) == null
				&& (receiptId == null || !receiptId.startsWith(MARK))) {
			return message;
		}
		StompHeaderAccessor frame = StompHeaderAccessor.wrap(message);
		if (frame.getCommand() == StompCommand.SUBSCRIBE && frame.getReceipt() != null) {
			frame.removeNativeHeader(Position.EPOCH_HEADER);
			frame.removeNativeHeader(Position.OFFSET_HEADER);
			frame.setReceipt(MARK + frame.getReceipt());
			return rebuilt(message, frame);
		}
		if (frame.getCommand() == StompCommand.RECEIPT && receiptId != null) {
			frame.setReceiptId(receiptId.substring(MARK.length()));
			ReceiptSender.notSupported(frame, this.history);
			return rebuilt(message, frame);
		}
		return message;
	}

	private static Message<?> rebuilt(Message<?> message, StompHeaderAccessor frame) {
		frame.setLeaveMutable(true);
		return MessageBuilder.createMessage(message.getPayload(), frame.getMessageHeaders());
	}

}
