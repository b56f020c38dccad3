package io.railside.broker;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the broker's availability, so that readiness goes DOWN while RabbitMQ is away
 * and a load balancer sends new clients to another instance.
 */
class BrokerHealthIndicator extends AbstractHealthIndicator {

	private final BrokerStatus status;

	BrokerHealthIndicator(BrokerStatus status) {
		super("Broker health check failed");
		this.status = status;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.status.isAvailable()) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
