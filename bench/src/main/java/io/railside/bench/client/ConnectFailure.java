package io.railside.bench.client;

/**
 * A session that did not reach CONNECTED, with a reason short enough to count by.
 */
public final class ConnectFailure extends RuntimeException {

	public ConnectFailure(String reason) {
		super(reason, null, false, false);
	}

}
