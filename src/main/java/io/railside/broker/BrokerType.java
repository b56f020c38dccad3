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
	 * Many instances on one RabbitMQ stream: every message is appended to the stream
	 * once, and every instance reads the stream and delivers to its own sessions.
	 */
	STREAM,

	/**
	 * Replaced by {@link #STREAM}: refused at start-up, with a word on moving.
	 */
	RELAY

}
