package io.railside.broker;

import org.junit.jupiter.api.Timeout;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The relay scenarios against RabbitMQ in a container, where Docker runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(120)
class RelayContainerIntegrationTests extends RelayScenarios {

	@Container
	static final RabbitMQContainer rabbitMq = ContainerBroker.rabbitMq();

	private final ContainerBroker broker = new ContainerBroker(rabbitMq);

	@Override
	BrokerControl broker() {
		return this.broker;
	}

}
