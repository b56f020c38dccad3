package io.railside.broker;

import io.railside.refusal.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BrokerAvailabilityRule}.
 */
class BrokerAvailabilityRuleTests {

	private final BrokerStatus status = new BrokerStatus();

	private final BrokerAvailabilityRule rule = new BrokerAvailabilityRule(this.status);

	@ParameterizedTest
	@EnumSource(names = { "CONNECT", "STOMP" })
	void whenTheBrokerIsAwayThenConnectIsRefusedWithBrokerUnavailable(StompCommand command) {
		this.status.onAvailability(new BrokerAvailabilityEvent(false, this));
		Refusal rejection = this.rule.check(StompHeaderAccessor.create(command));
		assertThat(rejection).isNotNull();
		assertThat(rejection.code()).isEqualTo("broker.unavailable");
	}

	@Test
	void whenTheBrokerIsAvailableThenConnectPasses() {
		this.status.onAvailability(new BrokerAvailabilityEvent(true, this));
		assertThat(this.rule.check(StompHeaderAccessor.create(StompCommand.CONNECT))).isNull();
	}

	@Test
	void framesOfOpenSessionsAreLeftToTheBroker() {
		// Open sessions stay while RabbitMQ is away: a SEND is refused when its append
		// is.
		StompHeaderAccessor subscribe = StompHeaderAccessor.create(StompCommand.SUBSCRIBE);
		subscribe.setDestination("/topic/orders.42");
		assertThat(this.rule.check(subscribe)).isNull();
	}

}
