package io.railside.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * The RabbitMQ named by {@code RAILSIDE_TEST_RABBITMQ_HOST} (STOMP and AMQP ports from
 * {@code RAILSIDE_TEST_RABBITMQ_STOMP_PORT} and {@code RAILSIDE_TEST_RABBITMQ_AMQP_PORT},
 * 61613 and 5672 by default), stopped and started with the local {@code rabbitmqctl}: the
 * node must run on this machine, as it does in CI.
 */
public final class LocalBroker implements BrokerControl {

	public static final String HOST_VARIABLE = "RAILSIDE_TEST_RABBITMQ_HOST";

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

	private final String host;

	private final int stompPort;

	private final int amqpPort;

	private LocalBroker(String host, int stompPort, int amqpPort) {
		this.host = host;
		this.stompPort = stompPort;
		this.amqpPort = amqpPort;
	}

	public static LocalBroker fromEnvironment() {
		return new LocalBroker(System.getenv(HOST_VARIABLE), port("RAILSIDE_TEST_RABBITMQ_STOMP_PORT", 61613),
				port("RAILSIDE_TEST_RABBITMQ_AMQP_PORT", 5672));
	}

	private static int port(String variable, int defaultPort) {
		String value = System.getenv(variable);
		return (value != null && !value.isBlank()) ? Integer.parseInt(value.trim()) : defaultPort;
	}

	@Override
	public String host() {
		return this.host;
	}

	@Override
	public int stompPort() {
		return this.stompPort;
	}

	@Override
	public int amqpPort() {
		return this.amqpPort;
	}

	@Override
	public void stop() {
		rabbitmqctl("stop_app");
	}

	@Override
	public void start() {
		rabbitmqctl("start_app");
		awaitPort(this.host, this.stompPort);
	}

	@Override
	public List<Queue> listQueues() {
		return Queue.parse(
				rabbitmqctl("-q", "list_queues", "--no-table-headers", "name", "durable", "auto_delete", "arguments"));
	}

	/**
	 * Wait until a port accepts TCP connections.
	 * @param host the host
	 * @param port the port
	 */
	public static void awaitPort(String host, int port) {
		await("port " + port + " of " + host).atMost(COMMAND_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> accepts(host, port));
	}

	private static boolean accepts(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String rabbitmqctl(String... arguments) {
		List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			// Read while it runs, so that a long listing cannot fill the pipe and stall
			// it.
			CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process));
			if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " did not finish within " + COMMAND_TIMEOUT);
			}
			String text = output.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(command + " failed (" + process.exitValue() + "): " + text);
			}
			return text;
		}
		catch (IOException | ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String read(Process process) {
		try {
			return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
