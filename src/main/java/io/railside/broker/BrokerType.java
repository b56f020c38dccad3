package io.railside.broker;

/**
 * Which broker carries STOMP messages.
 */
public enum BrokerType {

	/**
	 * Spring's in-memory broker: one instance, nothing else to run.
	 */
	SIMPLE,

	/**
	 * A relay to RabbitMQ's STOMP plugin (or any STOMP 1.2 broker), for many instances.
	 */
	RELAY

}
