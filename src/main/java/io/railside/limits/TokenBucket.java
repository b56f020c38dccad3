package io.railside.limits;

/**
 * The allowance a rate limit keeps per session: it fills at a steady rate up to its
 * capacity, and each frame takes what it costs, so a session may spend the capacity at
 * once and the rate over time.
 */
public final class TokenBucket {

	private double tokens;

	private long updated;

	/**
	 * A full bucket.
	 * @param capacity the most it holds
	 * @param now the time, by {@link System#nanoTime()}
	 */
	public TokenBucket(double capacity, long now) {
		this.tokens = capacity;
		this.updated = now;
	}

	/**
	 * Take a frame's cost if the bucket holds it; a refused frame takes nothing.
	 * @param now the time, by {@link System#nanoTime()}
	 * @param perNano how much the bucket gains a nanosecond
	 * @param capacity the most it holds
	 * @param cost what the frame costs
	 * @return whether the frame may pass
	 */
	public synchronized boolean take(long now, double perNano, double capacity, double cost) {
		this.tokens = Math.min(capacity, this.tokens + (now - this.updated) * perNano);
		this.updated = now;
		if (this.tokens < cost) {
			return false;
		}
		this.tokens -= cost;
		return true;
	}

}
