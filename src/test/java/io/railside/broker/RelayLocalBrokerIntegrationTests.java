package io.railside.broker;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The relay scenarios against the RabbitMQ named by {@code RAILSIDE_TEST_RABBITMQ_HOST},
 * with its STOMP plugin enabled, controlled by the local {@code rabbitmqctl}: how CI runs
 * them, where there is no Docker.
 */
@EnabledIfEnvironmentVariable(named = LocalBroker.HOST_VARIABLE, matches = ".*\\S.*")
@Timeout(120)
class RelayLocalBrokerIntegrationTests extends RelayScenarios {

	private final LocalBroker broker = LocalBroker.fromEnvironment();

	@Override
	BrokerControl broker() {
		return this.broker;
	}

}
