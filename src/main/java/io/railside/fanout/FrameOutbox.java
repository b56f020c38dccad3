package io.railside.fanout;

import org.springframework.messaging.MessageChannel;
import org.springframework.web.socket.TextMessage;

/**
 * A session's outbox that also takes a broadcast's copy as the frame it is: no
 * {@code Message}, header map or interceptor chain per subscriber. The outbound channel's
 * interceptors that count frames ({@link FrameCounts}) are told of each copy.
 */
public interface FrameOutbox extends MessageChannel {

	/**
	 * Queue a broadcast's copy, in order with the session's other messages.
	 * @param frame the copy, encoded
	 * @param cable whether it is an Action Cable message rather than a STOMP frame
	 * @return whether it was taken (not once the session is closed)
	 */
	boolean sendFrame(TextMessage frame, boolean cable);

}
