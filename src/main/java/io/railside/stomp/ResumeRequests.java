package io.railside.stomp;

import io.railside.history.Position;
import io.railside.refusal.Refusal;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * A SUBSCRIBE that asks to resume names a whole position ({@value Position#EPOCH_HEADER}
 * and {@value Position#OFFSET_HEADER}, an offset being a whole number) and a
 * {@code receipt}, since the RECEIPT is where the client learns whether it recovered.
 */
class ResumeRequests implements FrameRule {

	private static final int MAX_EPOCH_LENGTH = 64;

	private static final int MAX_OFFSET_DIGITS = 18;

	@Override
	public Step step() {
		return Step.RESUME;
	}

	@Override
	public @Nullable Refusal check(StompHeaderAccessor frame) {
		if (frame.getCommand() != StompCommand.SUBSCRIBE) {
			return null;
		}
		String epoch = frame.getFirstNativeHeader(Position.EPOCH_HEADER);
		String offset = frame.getFirstNativeHeader(Position.OFFSET_HEADER);
		if (epoch == null && offset == null) {
			return null;
		}
		if (epoch == null || offset == null) {
			return Refusal.badFrame("A SUBSCRIBE that resumes needs both " + Position.EPOCH_HEADER + " and "
					+ Position.OFFSET_HEADER + ".");
		}
		if (epoch.isEmpty() || epoch.length() > MAX_EPOCH_LENGTH) {
			return Refusal.badFrame(Position.EPOCH_HEADER + " is the epoch of a message Railside sent.");
		}
		if (offset.isEmpty() || offset.length() > MAX_OFFSET_DIGITS || !offset.chars().allMatch(Character::isDigit)) {
			return Refusal
				.badFrame(Position.OFFSET_HEADER + " is the offset of a message Railside sent, a whole number.");
		}
		if (frame.getReceipt() == null) {
			return Refusal.badFrame("A SUBSCRIBE that resumes needs a receipt header: its RECEIPT says whether "
					+ "the messages since were recovered.");
		}
		return null;
	}

}
