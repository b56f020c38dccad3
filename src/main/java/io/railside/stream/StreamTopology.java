package io.railside.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
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

	private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration LOCK_RETRY = Duration.ofMillis(200);

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
		try (Connection connection = connect("railside-topology")) {
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

	/**
	 * Run something while no other instance on the same stream does: an exclusive queue,
	 * which RabbitMQ lets one connection hold at a time, is the lock.
	 * @param action what to run
	 * @param <T> its result
	 * @return its result
	 * @throws Exception if RabbitMQ cannot be reached, the lock is not had in time, or
	 * the action fails
	 */
	<T> T exclusively(Callable<T> action) throws Exception {
		String lock = "railside-lock." + this.properties.name();
		long deadline = System.nanoTime() + LOCK_TIMEOUT.toNanos();
		while (true) {
			try (Connection connection = connect("railside-lock")) {
				Channel channel = connection.createChannel();
				try {
					channel.queueDeclare(lock, false, true, true, Map.of());
				}
				catch (IOException ex) {
					// RESOURCE_LOCKED: another instance holds it.
					if (System.nanoTime() > deadline) {
						throw new IOException(
								"Another instance held " + lock + " for " + LOCK_TIMEOUT.toSeconds() + " s", ex);
					}
					Thread.sleep(LOCK_RETRY.toMillis());
					continue;
				}
				return action.call();
			}
		}
	}

	private Connection connect(String name) throws IOException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(this.properties.host());
		factory.setPort(this.properties.amqpPort());
		factory.setUsername(this.properties.username());
		factory.setPassword(this.properties.password());
		factory.setVirtualHost(this.properties.virtualHost());
		factory.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
		factory.setAutomaticRecoveryEnabled(false);
		try {
			return factory.newConnection(name);
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
