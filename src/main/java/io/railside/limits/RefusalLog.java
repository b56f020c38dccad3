package io.railside.limits;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;

/**
 * Logs refused handshakes without letting a flood of them flood the log: the first at
 * once, then at most one line a second with how many were refused since.
 */
final class RefusalLog {

	private static final long INTERVAL_NANOS = 1_000_000_000L;

	private final Log logger;

	private final AtomicLong last = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);

	private final AtomicLong refused = new AtomicLong();

	RefusalLog(Log logger) {
		this.logger = logger;
	}

	void refused(String why) {
		long count = this.refused.incrementAndGet();
		long now = System.nanoTime();
		long previous = this.last.get();
		if (now - previous >= INTERVAL_NANOS && this.last.compareAndSet(previous, now)) {
			this.refused.addAndGet(-count);
			this.logger.warn("Refused " + ((count > 1) ? count + " WebSocket handshakes" : "a WebSocket handshake")
					+ ((count > 1) ? " in the last seconds, the last " : " ") + why);
		}
	}

}
