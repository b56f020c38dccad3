package io.railside.broker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which broker Railside uses, and how it reaches RabbitMQ in relay mode.
 *
 * @param type {@code simple} (in memory, one instance), {@code stream} (many instances on
 * a RabbitMQ stream) or {@code relay} (RabbitMQ's STOMP plugin)
 * @param relay where the relay connects
 */
@ConfigurationProperties("railside.broker")
public record BrokerProperties(@DefaultValue("simple") BrokerType type, @DefaultValue Relay relay) {

	boolean isRelay() {
		return this.type == BrokerType.RELAY;
	}

	/**
	 * Whether messages travel between instances on a RabbitMQ stream.
	 * @return whether the broker type is {@code stream}
	 */
	public boolean isStream() {
		return this.type == BrokerType.STREAM;
	}

	/**
	 * The STOMP broker the relay connects to.
	 *
	 * @param host its host
	 * @param port its STOMP port
	 * @param login the login for Railside's connections
	 * @param passcode the passcode for Railside's connections
	 * @param virtualHost the virtual host
	 */
	public record Relay(@DefaultValue("127.0.0.1") String host, @DefaultValue("61613") int port,
			@DefaultValue("guest") String login, @DefaultValue("guest") String passcode,
			@DefaultValue("/") String virtualHost) {

	}

}
