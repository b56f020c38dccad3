package io.railside.broker;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

import static org.awaitility.Awaitility.await;

/**
 * RabbitMQ in a container with its STOMP plugin, stopped and started with
 * {@code rabbitmqctl} inside the container (the container itself keeps running, so its
 * mapped ports stay).
 */
final class ContainerBroker implements BrokerControl {

	private static final int STOMP_PORT = 61613;

	private static final String COMMAND_TIMEOUT_SECONDS = "60";

	private final RabbitMQContainer container;

	ContainerBroker(RabbitMQContainer container) {
		this.container = container;
	}

	/**
	 * A RabbitMQ container with the management and STOMP plugins enabled and the STOMP
	 * port exposed.
	 * @return the container, not started
	 */
	static RabbitMQContainer rabbitMq() {
		RabbitMQContainer container = new RabbitMQContainer(DockerImageName.parse("rabbitmq:3.13-management"))
			.withCopyToContainer(Transferable.of("[rabbitmq_management,rabbitmq_stomp]."),
					"/etc/rabbitmq/enabled_plugins");
		container.addExposedPort(STOMP_PORT);
		return container;
	}

	@Override
	public String host() {
		return this.container.getHost();
	}

	@Override
	public int stompPort() {
		return this.container.getMappedPort(STOMP_PORT);
	}

	@Override
	public int amqpPort() {
		return this.container.getAmqpPort();
	}

	@Override
	public void stop() {
		rabbitmqctl("stop_app");
	}

	@Override
	public void start() {
		rabbitmqctl("start_app");
		// Docker accepts connections on a mapped port even while nothing listens behind
		// it:
		// ask the node whether its STOMP listener is up.
		await("STOMP listener").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> exec("rabbitmq-diagnostics", "-q", "check_port_listener", String.valueOf(STOMP_PORT))
				.getExitCode() == 0);
	}

	@Override
	public List<Queue> listQueues() {
		return Queue.parse(
				rabbitmqctl("-q", "list_queues", "--no-table-headers", "name", "durable", "auto_delete", "arguments"));
	}

	private String rabbitmqctl(String... arguments) {
		ExecResult result = exec("rabbitmqctl", arguments);
		if (result.getExitCode() != 0) {
			throw new IllegalStateException("rabbitmqctl " + String.join(" ", arguments) + " failed ("
					+ result.getExitCode() + "): " + result.getStdout() + result.getStderr());
		}
		return result.getStdout();
	}

	/**
	 * Run a command in the container, bounded by {@code timeout}, which the image has.
	 */
	private ExecResult exec(String program, String... arguments) {
		List<String> command = new ArrayList<>(List.of("timeout", COMMAND_TIMEOUT_SECONDS, program));
		command.addAll(List.of(arguments));
		try {
			return this.container.execInContainer(command.toArray(String[]::new));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + List.of(command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
