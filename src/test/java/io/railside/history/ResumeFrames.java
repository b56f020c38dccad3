package io.railside.history;

import io.railside.stomp.RawStompSocket;

import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frames of a resume, written out for the raw sockets of the resume tests: a plain
 * SUBSCRIBE, a SUBSCRIBE that asks to resume, and the position a MESSAGE or RECEIPT
 * carries.
 */
final class ResumeFrames {

	private ResumeFrames() {
	}

	/**
	 * Subscribe without a position and wait for the RECEIPT.
	 * @param socket a connected socket
	 * @param destination the destination
	 */
	static void subscribe(RawStompSocket socket, String destination) {
		socket.send("SUBSCRIBE\nid:0\ndestination:" + destination + "\nreceipt:subscribed\n\n\0");
		assertReceipt(socket.awaitFrame(), "subscribed");
	}

	/**
	 * Ask to resume after a position and wait for the RECEIPT.
	 * @param socket a connected socket
	 * @param destination the destination
	 * @param after the position of the last message the client has
	 * @return the RECEIPT, the first frame after the SUBSCRIBE
	 */
	static StompHeaderAccessor resume(RawStompSocket socket, String destination, Position after) {
		socket.send("SUBSCRIBE\nid:0\ndestination:" + destination + "\nreceipt:resumed\n" + Position.EPOCH_HEADER + ":"
				+ after.epoch() + "\n" + Position.OFFSET_HEADER + ":" + after.offset() + "\n\n\0");
		StompHeaderAccessor receipt = socket.awaitFrame();
		assertReceipt(receipt, "resumed");
		return receipt;
	}

	/**
	 * The position a MESSAGE or RECEIPT carries.
	 * @param frame the frame
	 * @return its position
	 */
	static Position position(StompHeaderAccessor frame) {
		String epoch = frame.getFirstNativeHeader(Position.EPOCH_HEADER);
		String offset = frame.getFirstNativeHeader(Position.OFFSET_HEADER);
		assertThat(epoch).as("%s", frame.toNativeHeaderMap()).isNotNull();
		assertThat(offset).as("%s", frame.toNativeHeaderMap()).isNotNull();
		return new Position(epoch, Long.parseLong(offset));
	}

	/**
	 * Receive a MESSAGE.
	 * @param socket the socket
	 * @return the message
	 */
	static StompHeaderAccessor awaitMessage(RawStompSocket socket) {
		StompHeaderAccessor message = socket.awaitFrame();
		assertThat(String.valueOf(message.getCommand())).as("%s", message.toNativeHeaderMap()).isEqualTo("MESSAGE");
		return message;
	}

	private static void assertReceipt(StompHeaderAccessor frame, String receiptId) {
		assertThat(String.valueOf(frame.getCommand())).as("%s", frame.toNativeHeaderMap()).isEqualTo("RECEIPT");
		assertThat(frame.getReceiptId()).isEqualTo(receiptId);
	}

}
