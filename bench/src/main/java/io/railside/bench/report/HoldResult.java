package io.railside.bench.report;

import java.util.Map;

import io.railside.bench.measure.MemorySample;

import org.jspecify.annotations.Nullable;

/**
 * Idle subscribed sessions and what each costs the server: (value with N sessions minus
 * value with none) / N.
 *
 * @param sessions sessions asked for
 * @param connected sessions that reached CONNECTED
 * @param failureReasons failed sessions by reason
 * @param atZero the server with no session (after a warm-up)
 * @param atN the server holding the sessions
 * @param heapPerSession heap after GC per session, bytes
 * @param nativePerSession native memory (NMT) per session, bytes
 * @param rssPerSession resident set per session, bytes
 */
public record HoldResult(int sessions, int connected, Map<String, Long> failureReasons, MemorySample atZero,
		MemorySample atN, @Nullable Double heapPerSession, @Nullable Double nativePerSession, double rssPerSession) {

	public @Nullable Double heapAndNativePerSession() {
		return (this.heapPerSession != null && this.nativePerSession != null)
				? this.heapPerSession + this.nativePerSession : null;
	}

}
