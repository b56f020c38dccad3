package io.railside.broker;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BrokerStatus}.
 */
class BrokerStatusTests {

	private final BrokerStatus status = new BrokerStatus();

	@Test
	void isUnavailableUntilTheBrokerAnnouncesItself() {
		assertThat(this.status.isAvailable()).isFalse();
	}

	@Test
	void followsTheBrokersAvailabilityEvents() {
		this.status.onAvailability(new BrokerAvailabilityEvent(true, this));
		assertThat(this.status.isAvailable()).isTrue();
		this.status.onAvailability(new BrokerAvailabilityEvent(false, this));
		assertThat(this.status.isAvailable()).isFalse();
		this.status.onAvailability(new BrokerAvailabilityEvent(true, this));
		assertThat(this.status.isAvailable()).isTrue();
	}

}
