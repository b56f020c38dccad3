package io.railside.stream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where stream mode finds RabbitMQ and its stream.
 *
 * @param host RabbitMQ's host
 * @param port its stream port ({@code rabbitmq_stream} plugin)
 * @param amqpPort its AMQP port, used at start-up to declare the stream and bind it
 * @param username the RabbitMQ user
 * @param password its password
 * @param virtualHost the virtual host
 * @param name the stream's name; every instance that serves the same clients names the
 * same stream
 * @param exchange the exchange the stream is bound to with {@code #}, so that a message
 * published there with a topic's name as routing key reaches the topic; blank for none
 * @param confirmTimeout how long an append waits for RabbitMQ's confirm before it is
 * refused
 * @param segmentSize the size of the stream's segments, which retention deletes whole
 */
@ConfigurationProperties("railside.stream")
public record StreamProperties(@DefaultValue("127.0.0.1") String host, @DefaultValue("5552") int port,
		@DefaultValue("5672") int amqpPort, @DefaultValue("guest") String username,
		@DefaultValue("guest") String password, @DefaultValue("/") String virtualHost,
		@DefaultValue("railside") String name, @DefaultValue("amq.topic") String exchange,
		@DefaultValue("5s") Duration confirmTimeout, @DefaultValue("16MB") DataSize segmentSize) {

}
