package io.railside.stream;

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
 * The RabbitMQ named by {@code RAILSIDE_TEST_RABBITMQ_HOST}, stopped and started with the
 * local {@code rabbitmqctl}: the node must run on this machine, as it does in CI.
 */
final class LocalRabbitMq {

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

	private static final int STREAM_PORT = 5552;

	private static final int AMQP_PORT = 5672;

	private final String host = StreamInstance.host();

	/**
	 * Stop RabbitMQ's application (the node stays up), and return once it has stopped.
	 */
	void stop() {
		rabbitmqctl("stop_app");
	}

	/**
	 * Start RabbitMQ's application, and return once its AMQP and stream ports accept
	 * connections.
	 */
	void start() {
		rabbitmqctl("start_app");
		awaitPort(this.host, AMQP_PORT);
		awaitPort(this.host, STREAM_PORT);
	}

	/**
	 * Wait until a port accepts TCP connections.
	 * @param host the host
	 * @param port the port
	 */
	static void awaitPort(String host, int port) {
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
