package io.railside.bench.load;

import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop pacer: the i-th action is due at {@code start + i / rate}, whatever
 * happened to the ones before it. A pacer that falls behind catches up at once, and the
 * action still gets the intended time, so delays are measured rather than skipped.
 */
public final class PacedSender {

	private PacedSender() {
	}

	/**
	 * Runs the actions, stopping early once {@code slackNanos} past the last one's due
	 * time, so that a stalled machine cannot stretch a run without bound.
	 * @param startNanos when the first action is due
	 * @param perSecond actions per second
	 * @param count how many actions
	 * @param slackNanos how far past the schedule's end to keep going
	 * @param action the action
	 * @return how many actions ran
	 */
	public static int run(long startNanos, double perSecond, int count, long slackNanos, Action action) {
		double period = 1e9 / perSecond;
		long deadline = startNanos + (long) (period * count) + slackNanos;
		for (int i = 0; i < count; i++) {
			long intended = startNanos + (long) (period * i);
			long wait = intended - System.nanoTime();
			while (wait > 0) {
				LockSupport.parkNanos(wait);
				wait = intended - System.nanoTime();
			}
			if (System.nanoTime() > deadline) {
				return i;
			}
			action.run(i, intended);
		}
		return count;
	}

	/**
	 * One paced action.
	 */
	@FunctionalInterface
	public interface Action {

		void run(int index, long intendedNanos);

	}

}
