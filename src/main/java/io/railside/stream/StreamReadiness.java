package io.railside.stream;

import io.railside.broker.BrokerStatus;

/**
 * Whether the bus serves: its producer takes appends, its consumer reads, and this
 * instance has read what the stream held when it connected. The producer, the consumer
 * and the delivery thread each change one of these, on threads of their own: the answer
 * is decided and told under one lock, so that a stale one never lands last.
 */
final class StreamReadiness {

	private final BrokerStatus status;

	private boolean taking;

	private boolean reading;

	private boolean caughtUp;

	StreamReadiness(BrokerStatus status) {
		this.status = status;
		status.onBus(false);
	}

	/**
	 * Say whether the producer is open.
	 * @param taking whether it is
	 * @return whether it has just opened again
	 */
	synchronized boolean taking(boolean taking) {
		boolean opened = taking && !this.taking;
		this.taking = taking;
		update();
		return opened;
	}

	synchronized void reading(boolean reading) {
		this.reading = reading;
		update();
	}

	synchronized void caughtUp(boolean caughtUp) {
		this.caughtUp = caughtUp;
		update();
	}

	synchronized boolean isCaughtUp() {
		return this.caughtUp;
	}

	/**
	 * Whether appends are taken now.
	 * @return whether the producer is open and this instance has caught up
	 */
	synchronized boolean takesAppends() {
		return this.taking && this.caughtUp;
	}

	synchronized void disconnected() {
		this.taking = false;
		this.reading = false;
		update();
	}

	private void update() {
		this.status.onBus(this.taking && this.reading && this.caughtUp);
	}

}
