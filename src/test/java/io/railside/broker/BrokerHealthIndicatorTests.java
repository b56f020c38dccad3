package io.railside.broker;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BrokerHealthIndicator}.
 */
class BrokerHealthIndicatorTests {

	private final BrokerStatus status = new BrokerStatus();

	private final BrokerHealthIndicator indicator = new BrokerHealthIndicator(this.status);

	@Test
	void isUpWhileTheBrokerIsAvailable() {
		this.status.onAvailability(new BrokerAvailabilityEvent(true, this));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void isDownWhileTheBrokerIsAway() {
		this.status.onAvailability(new BrokerAvailabilityEvent(true, this));
		this.status.onAvailability(new BrokerAvailabilityEvent(false, this));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

}
