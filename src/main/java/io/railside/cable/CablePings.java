package io.railside.cable;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.TextMessage;

/**
 * Pings every cable session, as Rails' server does every three seconds: Action Cable's
 * clients reconnect after six seconds without one. A ping goes through the outbound
 * channel, written by its threads as deliveries are (a slow client's socket never holds
 * up the scheduler), and straight into the session's send buffer, not behind the
 * session's ordered messages: it waits behind no more than what the buffer holds (a
 * replay sends its pages only when the buffer has room), never behind a whole replay.
 */
class CablePings implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(CablePings.class);

	private final CableProtocolHandler handler;

	private final TaskScheduler scheduler;

	private final MessageChannel outbound;

	private final Duration interval;

	private volatile @Nullable ScheduledFuture<?> pinging;

	CablePings(CableProtocolHandler handler, TaskScheduler scheduler, MessageChannel outbound, Duration interval) {
		this.handler = handler;
		this.scheduler = scheduler;
		this.outbound = outbound;
		this.interval = interval;
	}

	@Override
	public void start() {
		this.pinging = this.scheduler.scheduleAtFixedRate(this::pingAll, this.interval);
	}

	@Override
	public void stop() {
		ScheduledFuture<?> pinging = this.pinging;
		if (pinging != null) {
			pinging.cancel(false);
			this.pinging = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.pinging != null;
	}

	void pingAll() {
		TextMessage ping = CableFrames.ping(System.currentTimeMillis() / 1000);
		for (CableSession cable : this.handler.sessions()) {
			SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.HEARTBEAT);
			headers.setSessionId(cable.id());
			try {
				this.outbound.send(MessageBuilder.createMessage(ping, headers.getMessageHeaders()));
			}
			catch (RuntimeException ex) {
				logger.debug("Could not ping cable session " + cable.id(), ex);
			}
		}
	}

}
