package io.railside.system;

import java.util.List;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * SIGTERM drains an instance in stream mode as it does one with the in-memory broker: the
 * publish in flight still gets RabbitMQ's confirm (the stream connection stops after the
 * web server), and the process exits in time.
 */
@EnabledIfEnvironmentVariable(named = "RAILSIDE_TEST_RABBITMQ_HOST", matches = ".*\\S.*")
class StreamGracefulShutdownIntegrationTests extends GracefulShutdownIntegrationTests {

	private static final String STREAM = "railside-shutdown-test-" + UUID.randomUUID();

	@Override
	List<String> brokerSettings() {
		return List.of("--railside.broker.type=stream",
				"--railside.stream.host=" + System.getenv("RAILSIDE_TEST_RABBITMQ_HOST"),
				"--railside.stream.name=" + STREAM);
	}

	@AfterAll
	static void deleteStream() throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(System.getenv("RAILSIDE_TEST_RABBITMQ_HOST"));
		try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
			channel.queueDelete(STREAM);
		}
	}

}
