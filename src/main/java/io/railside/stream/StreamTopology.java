package io.railside.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Declares the stream over AMQP 0-9-1 (the stream protocol cannot bind), with retention
 * from the history's settings when it creates it, and binds it to the exchange that
 * backends publish to straight. A stream that exists keeps the settings it has.
 */
final class StreamTopology {

	private static final Log logger = LogFactory.getLog(StreamTopology.class);

	private static final int CONNECTION_TIMEOUT_MILLIS = 5000;

	private final StreamProperties properties;

	private final Duration maxAge;

	/**
	 * @param properties where RabbitMQ is
	 * @param maxAge how long the stream keeps messages (whole segments go, so it keeps
	 * somewhat longer)
	 */
	StreamTopology(StreamProperties properties, Duration maxAge) {
		this.properties = properties;
		this.maxAge = maxAge;
	}

	/**
	 * Make sure the stream exists and is bound.
	 * @throws IOException if RabbitMQ cannot be reached or refuses
	 */
	void declare() throws IOException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(this.properties.host());
		factory.setPort(this.properties.amqpPort());
		factory.setUsername(this.properties.username());
		factory.setPassword(this.properties.password());
		factory.setVirtualHost(this.properties.virtualHost());
		factory.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
		factory.setAutomaticRecoveryEnabled(false);
		try (Connection connection = factory.newConnection("railside-topology")) {
			if (!exists(connection)) {
				create(connection);
			}
			if (!this.properties.exchange().isBlank()) {
				try (Channel channel = connection.createChannel()) {
					channel.queueBind(this.properties.name(), this.properties.exchange(), "#");
				}
			}
		}
		catch (TimeoutException ex) {
			throw new IOException("RabbitMQ did not answer in time", ex);
		}
	}

	private boolean exists(Connection connection) throws IOException, TimeoutException {
		Channel channel = connection.createChannel();
		try {
			channel.queueDeclarePassive(this.properties.name());
		}
		catch (IOException ex) {
			// RabbitMQ closed the channel: the queue does not exist.
			return false;
		}
		channel.close();
		return true;
	}

	private void create(Connection connection) throws IOException, TimeoutException {
		try (Channel channel = connection.createChannel()) {
			channel.queueDeclare(this.properties.name(), true, false, false,
					Map.of("x-queue-type", "stream", "x-max-age", Math.max(1, this.maxAge.toSeconds()) + "s",
							"x-stream-max-segment-size-bytes", this.properties.segmentSize().toBytes()));
			logger.info("Created the stream " + this.properties.name() + ", keeping messages for "
					+ this.maxAge.toSeconds() + " s");
		}
	}

}
