package io.railside.broker;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;

/**
 * Whether the broker can take messages now, as Spring's broker handlers announce it. The
 * in-memory broker is available while it runs; the relay while its system connection to
 * RabbitMQ is up.
 */
public class BrokerStatus {

	private static final Log logger = LogFactory.getLog(BrokerStatus.class);

	private final AtomicBoolean available = new AtomicBoolean();

	@EventListener
	void onAvailability(BrokerAvailabilityEvent event) {
		boolean now = event.isBrokerAvailable();
		if (this.available.getAndSet(now) != now) {
			if (now) {
				logger.info("Message broker is available");
			}
			else {
				logger.warn("Message broker is unavailable: clients are refused until it returns");
			}
		}
	}

	/**
	 * Whether the broker takes messages now.
	 * @return whether it is available
	 */
	public boolean isAvailable() {
		return this.available.get();
	}

}
