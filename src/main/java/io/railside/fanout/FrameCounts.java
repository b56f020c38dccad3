package io.railside.fanout;

/**
 * An outbound channel interceptor that counts frames, told of the copies a
 * {@link FrameOutbox} takes without a {@code Message} passing the channel.
 */
public interface FrameCounts {

	/**
	 * Count one copy of a broadcast sent to a session.
	 * @param cable whether it is an Action Cable message rather than a STOMP MESSAGE
	 * frame
	 */
	void countCopy(boolean cable);

}
