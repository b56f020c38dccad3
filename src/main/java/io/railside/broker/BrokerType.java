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
	RELAY,

	/**
	 * Many instances on one RabbitMQ stream: every message is appended to the stream
	 * once, and every instance reads the stream and delivers to its own sessions.
	 */
	STREAM

}
