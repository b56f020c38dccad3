package io.railside.fanout;

import org.jspecify.annotations.Nullable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.web.socket.TextMessage;

/**
 * A session's outbound channel as Spring's broker holds it, so that a session busy with
 * broadcasts gets no heart-beats: Spring's broker counts only its own writes as activity,
 * and the fan-out writes past it.
 * <p>
 * Spring's heart-beat task sends through the channel the broker asked
 * {@link FanoutBroker#getClientOutboundChannelForSession(String)} for at CONNECT, and
 * finds a heart-beat due at most once per period of its task, which is never longer than
 * the session's negotiated write interval. A heart-beat due after a broadcast since the
 * last one was due is dropped: the broadcast was the sign of life. A session that goes
 * quiet gets its heart-beat at the next tick but one, as Spring's own bookkeeping would
 * send it.
 */
final class SubscriberChannel implements MessageChannel {

	private static final Log logger = LogFactory.getLog(FanoutBroker.class);

	private final String sessionId;

	private final MessageChannel delegate;

	/** The delegate, when it takes a broadcast's copy as its frame alone. */
	private final @Nullable FrameOutbox frames;

	private volatile boolean written;

	private volatile boolean positions = true;

	SubscriberChannel(String sessionId, MessageChannel delegate) {
		this.sessionId = sessionId;
		this.delegate = delegate;
		this.frames = (delegate instanceof FrameOutbox outbox) ? outbox : null;
	}

	@Override
	public boolean send(Message<?> message, long timeout) {
		if (this.written
				&& SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.HEARTBEAT) {
			this.written = false;
			return true;
		}
		return this.delegate.send(message, timeout);
	}

	/**
	 * Whether the session's copies carry their positions: a STOMP session's do, a cable
	 * session's only with AnyCable's extended protocol.
	 * @return whether they do
	 */
	boolean hasPositions() {
		return this.positions;
	}

	void setPositions(boolean positions) {
		this.positions = positions;
	}

	/**
	 * Send one subscriber's copy of a broadcast: as its frame when the session's outbox
	 * takes frames, else as a message.
	 * @param broadcast the broadcast
	 * @param subscriptionId the subscription's {@code id}
	 * @param epoch the epoch of its position, or {@code null} without one
	 * @param offset the offset of its position
	 */
	void deliver(Broadcast broadcast, String subscriptionId, @Nullable String epoch, long offset) {
		FrameOutbox frames = this.frames;
		TextMessage frame = (frames != null) ? broadcast.frame(this.sessionId, subscriptionId, epoch, offset) : null;
		if (frames == null || frame == null) {
			deliver(broadcast.to(this.sessionId, subscriptionId, epoch, offset));
			return;
		}
		try {
			frames.sendFrame(frame, broadcast.isCable());
		}
		catch (RuntimeException ex) {
			logger.debug("Failed to send a broadcast to session " + this.sessionId, ex);
		}
		finally {
			wrote();
		}
	}

	/**
	 * Send one subscriber's copy of a broadcast. A failure ends only this copy: the
	 * broadcast goes on to the other subscribers, and a session that is going away fails
	 * this way as a matter of course.
	 * @param message the copy
	 */
	void deliver(Message<?> message) {
		try {
			this.delegate.send(message);
		}
		catch (RuntimeException ex) {
			logger.debug("Failed to send a broadcast to session " + this.sessionId, ex);
		}
		finally {
			wrote();
		}
	}

	private void wrote() {
		// Read before writing: this runs for every subscriber of every broadcast.
		if (!this.written) {
			this.written = true;
		}
	}

}
