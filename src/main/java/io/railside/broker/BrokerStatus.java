package io.railside.broker;

import java.util.concurrent.atomic.AtomicBoolean;

import io.railside.refusal.Refusal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;

/**
 * Whether the broker can take messages now, as Spring's broker handler announces it and,
 * in stream mode, the stream: the in-memory broker is available while it runs; the stream
 * while RabbitMQ takes appends and this instance has read what was there when it started.
 */
public class BrokerStatus {

	private static final Log logger = LogFactory.getLog(BrokerStatus.class);

	private volatile boolean broker;

	private volatile boolean bus = true;

	private final AtomicBoolean available = new AtomicBoolean();

	@EventListener
	void onAvailability(BrokerAvailabilityEvent event) {
		this.broker = event.isBrokerAvailable();
		update();
	}

	/**
	 * Say whether the bus between instances (the RabbitMQ stream) serves now.
	 * @param available whether it takes appends and this instance has caught up
	 */
	public void onBus(boolean available) {
		this.bus = available;
		update();
	}

	private synchronized void update() {
		boolean now = this.broker && this.bus;
		if (this.available.getAndSet(now) != now) {
			if (now) {
				logger.info("Message broker is available");
			}
			else {
				logger.warn("Message broker is unavailable: new clients and published messages are refused"
						+ " until it returns");
			}
		}
	}

	/**
	 * What a client hears while the broker is away.
	 * @return the refusal
	 */
	public static Refusal unavailable() {
		return Refusal.ofSession("broker.unavailable", "The message broker is unavailable: reconnect shortly.");
	}

	/**
	 * Whether the broker takes messages now.
	 * @return whether it is available
	 */
	public boolean isAvailable() {
		return this.available.get();
	}

}
