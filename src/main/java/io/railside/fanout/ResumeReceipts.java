package io.railside.fanout;

import io.railside.history.Position;
import io.railside.history.Resume;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

/**
 * The one place that writes what a RECEIPT says to a SUBSCRIBE that asked to resume:
 * {@value Resume#RECOVERED_HEADER}, {@value Resume#REASON_HEADER} when not recovered, and
 * the topic's current position where it has one.
 */
public final class ResumeReceipts {

	/**
	 * Says after a cable session's replay that its missed messages are through.
	 */
	public static final String REPLAYED_HEADER = "railside-replayed";

	private ResumeReceipts() {
	}

	/**
	 * The RECEIPT for a resume the broker decided.
	 * @param subscribe the SUBSCRIBE
	 * @param resume the outcome
	 * @return the RECEIPT, for the session's own outbound channel
	 */
	static Message<byte[]> answer(Message<?> subscribe, Resume<?> resume) {
		StompHeaderAccessor receipt = receiptFor(subscribe);
		describe(receipt, resume.outcome(), resume.position());
		return message(receipt);
	}

	/**
	 * The RECEIPT that follows a resumed cable subscription's missed messages.
	 * @param subscribe the SUBSCRIBE
	 * @return the RECEIPT, for the session's own outbound channel
	 */
	static Message<byte[]> replayed(Message<?> subscribe) {
		StompHeaderAccessor receipt = receiptFor(subscribe);
		receipt.setNativeHeader(REPLAYED_HEADER, "true");
		return message(receipt);
	}

	/**
	 * The RECEIPT for a cable session's SUBSCRIBE that the broker registered.
	 * @param subscribe the SUBSCRIBE
	 * @param notSupported whether it asked to resume where nothing keeps history
	 * @return the RECEIPT, for the session's own outbound channel
	 */
	static Message<byte[]> confirm(Message<?> subscribe, boolean notSupported) {
		StompHeaderAccessor receipt = receiptFor(subscribe);
		if (notSupported) {
			notSupported(receipt);
		}
		return message(receipt);
	}

	private static StompHeaderAccessor receiptFor(Message<?> subscribe) {
		StompHeaderAccessor receipt = StompHeaderAccessor.create(StompCommand.RECEIPT);
		String receiptId = NativeMessageHeaderAccessor.getFirstNativeHeader("receipt", subscribe.getHeaders());
		if (receiptId != null) {
			receipt.setReceiptId(receiptId);
		}
		receipt.setSessionId(SimpMessageHeaderAccessor.getSessionId(subscribe.getHeaders()));
		return receipt;
	}

	private static Message<byte[]> message(StompHeaderAccessor receipt) {
		// Spring's ordered outbound channel adds a header of its own.
		receipt.setLeaveMutable(true);
		return MessageBuilder.createMessage(new byte[0], receipt.getMessageHeaders());
	}

	/**
	 * Say on a RECEIPT that nothing keeps history for the destination it answers.
	 * @param receipt the RECEIPT's headers
	 */
	public static void notSupported(StompHeaderAccessor receipt) {
		describe(receipt, Resume.Outcome.NOT_SUPPORTED, null);
	}

	private static void describe(StompHeaderAccessor receipt, Resume.Outcome outcome, @Nullable Position position) {
		receipt.setNativeHeader(Resume.RECOVERED_HEADER, Boolean.toString(outcome == Resume.Outcome.RECOVERED));
		if (outcome != Resume.Outcome.RECOVERED) {
			receipt.setNativeHeader(Resume.REASON_HEADER, outcome.reason());
		}
		if (position != null) {
			receipt.setNativeHeader(Position.EPOCH_HEADER, position.epoch());
			receipt.setNativeHeader(Position.OFFSET_HEADER, Long.toString(position.offset()));
		}
	}

}
