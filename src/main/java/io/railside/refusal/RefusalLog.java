package io.railside.refusal;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;

/**
 * Logs refusals that anyone can cause without a token (refused handshakes, oversized
 * SockJS requests) without letting a flood of them flood the log: the first at once, then
 * at most one line a second with how many were refused since.
 */
public final class RefusalLog {

	private static final long INTERVAL_NANOS = 1_000_000_000L;

	private final Log logger;

	private final String what;

	private final AtomicLong last = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);

	private final AtomicLong refused = new AtomicLong();

	/**
	 * Create a log for one kind of refusal.
	 * @param logger where the lines go, at WARN
	 * @param what what is refused, in the singular, such as {@code WebSocket handshake}
	 */
	public RefusalLog(Log logger, String what) {
		this.logger = logger;
		this.what = what;
	}

	/**
	 * Count a refusal, and log it unless a line went out less than a second ago.
	 * @param why the rest of the line: from where, and the limit's name
	 */
	public void refused(String why) {
		long count = this.refused.incrementAndGet();
		long now = System.nanoTime();
		long previous = this.last.get();
		if (now - previous >= INTERVAL_NANOS && this.last.compareAndSet(previous, now)) {
			this.refused.addAndGet(-count);
			this.logger.warn("Refused " + ((count > 1) ? count + " of " : "a ") + this.what
					+ ((count > 1) ? " in the last seconds, the last " : " ") + why);
		}
	}

}
