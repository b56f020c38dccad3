package io.railside.cable;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * Pings every cable session, as Rails' server does every three seconds: Action Cable's
 * clients reconnect after six seconds without one. A ping is written straight to the
 * session's send buffer, so it waits behind no more than what is already there (a replay
 * sends its pages only when the buffer has room), never behind a whole replay.
 */
class CablePings implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(CablePings.class);

	private final CableProtocolHandler handler;

	private final TaskScheduler scheduler;

	private final Duration interval;

	private volatile @Nullable ScheduledFuture<?> pinging;

	CablePings(CableProtocolHandler handler, TaskScheduler scheduler, Duration interval) {
		this.handler = handler;
		this.scheduler = scheduler;
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
		long now = System.currentTimeMillis() / 1000;
		for (CableSession cable : this.handler.sessions()) {
			ping(cable.socket(), now);
		}
	}

	private static void ping(WebSocketSession session, long now) {
		try {
			session.sendMessage(CableFrames.ping(now));
		}
		catch (SessionLimitExceededException ex) {
			logger.warn("Terminating cable session " + session.getId() + ": " + ex.getMessage());
			close(session, ex.getStatus());
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not ping cable session " + session.getId(), ex);
		}
	}

	private static void close(WebSocketSession session, CloseStatus status) {
		try {
			session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not close cable session " + session.getId(), ex);
		}
	}

}
