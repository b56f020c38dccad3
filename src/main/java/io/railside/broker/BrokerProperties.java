package io.railside.broker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which broker Railside uses (RabbitMQ's stream has settings of its own,
 * {@code railside.stream.*}).
 *
 * @param type {@code simple} (in memory, one instance) or {@code stream} (many instances
 * on a RabbitMQ stream)
 */
@ConfigurationProperties("railside.broker")
public record BrokerProperties(@DefaultValue("simple") BrokerType type) {

	public BrokerProperties {
		if (type == BrokerType.RELAY) {
			throw new IllegalArgumentException("Relay mode was replaced by stream mode: set RAILSIDE_BROKER=stream"
					+ " and RAILSIDE_RABBITMQ_HOST, and enable RabbitMQ's rabbitmq_stream plugin (README: Moving"
					+ " from relay mode)");
		}
	}

	/**
	 * Whether messages travel between instances on a RabbitMQ stream.
	 * @return whether the broker type is {@code stream}
	 */
	public boolean isStream() {
		return this.type == BrokerType.STREAM;
	}

}
