package io.railside.broker;

import org.jspecify.annotations.Nullable;

import io.railside.stomp.FrameRule;
import io.railside.refusal.Refusal;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Refuses CONNECT while the broker is away, with ERROR {@code broker.unavailable}, so a
 * client backs off and retries (through the load balancer, perhaps on another instance)
 * instead of holding a session that cannot deliver.
 */
class BrokerAvailabilityRule implements FrameRule {

	private final BrokerStatus status;

	BrokerAvailabilityRule(BrokerStatus status) {
		this.status = status;
	}

	@Override
	public Step step() {
		return Step.BROKER_AVAILABILITY;
	}

	@Override
	public @Nullable Refusal check(StompHeaderAccessor frame) {
		StompCommand command = frame.getCommand();
		if ((command == StompCommand.CONNECT || command == StompCommand.STOMP) && !this.status.isAvailable()) {
			return BrokerStatus.unavailable();
		}
		return null;
	}

}
