package io.railside.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.railside.RailsideApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Railside as a platform runs it: a JVM of its own, on ports of its own, stopped by a
 * signal. Its output goes to a file under {@code target/system-tests} for diagnosis.
 */
final class RailsideProcess implements AutoCloseable {

	static final Path LOGS = Path.of("target", "system-tests");

	private static final Duration STARTUP = Duration.ofSeconds(90);

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Process process;

	private final int httpPort;

	private final int httpsPort;

	private final Path log;

	private RailsideProcess(Process process, int httpPort, int httpsPort, Path log) {
		this.process = process;
		this.httpPort = httpPort;
		this.httpsPort = httpsPort;
		this.log = log;
	}

	/**
	 * Start Railside on free ports.
	 * @param name names the log file
	 * @param arguments more command-line arguments ({@code --key=value})
	 * @return the process, starting
	 * @throws IOException if the JVM cannot be started
	 */
	static RailsideProcess start(String name, String... arguments) throws IOException {
		return start(name, List.of(), arguments);
	}

	/**
	 * Start Railside on free ports, with options for its JVM.
	 * @param name names the log file
	 * @param jvmOptions options for the JVM ({@code -Dkey=value})
	 * @param arguments more command-line arguments ({@code --key=value})
	 * @return the process, starting
	 * @throws IOException if the JVM cannot be started
	 */
	static RailsideProcess start(String name, List<String> jvmOptions, String... arguments) throws IOException {
		List<String> options = new ArrayList<>(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"));
		options.addAll(jvmOptions);
		return startExactly(name, options, Map.of(), arguments);
	}

	/**
	 * Start Railside on free ports with exactly the given JVM options (none of the heap
	 * and compiler settings that speed up the other tests), as a deployment's start
	 * command would.
	 * @param name names the log file
	 * @param jvmOptions every option for the JVM
	 * @param environment variables added to this process's environment
	 * @param arguments more command-line arguments ({@code --key=value}); the ports given
	 * here win over any port in the environment
	 * @return the process, starting
	 * @throws IOException if the JVM cannot be started
	 */
	static RailsideProcess startExactly(String name, List<String> jvmOptions, Map<String, String> environment,
			String... arguments) throws IOException {
		int httpPort = freePort();
		int httpsPort = freePort();
		List<String> command = new ArrayList<>(List.of(javaCommand()));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", mainClassPath(), RailsideApplication.class.getName(),
				"--railside.http.port=" + httpPort, "--server.port=" + httpsPort));
		command.addAll(Arrays.asList(arguments));
		Files.createDirectories(LOGS);
		Path log = LOGS.resolve(name + "-" + httpPort + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		return new RailsideProcess(builder.start(), httpPort, httpsPort, log);
	}

	/**
	 * Wait until readiness answers 200, failing early if the process ends.
	 * @return this process
	 */
	RailsideProcess awaitReady() {
		await("readiness of Railside on port " + this.httpPort + " (log: " + this.log + ")").atMost(STARTUP)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> {
				if (!this.process.isAlive()) {
					throw new AssertionError("Railside exited with " + this.process.exitValue() + ": " + logText());
				}
				return readinessStatus() == 200;
			});
		return this;
	}

	/**
	 * The status of {@code /actuator/health/readiness}.
	 * @return the HTTP status, or {@code -1} when nothing accepts the connection
	 */
	int readinessStatus() {
		return status(get("/actuator/health/readiness"));
	}

	static int status(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Read {@code /actuator/prometheus}.
	 * @param token the metrics token
	 * @return the metrics, in Prometheus's text format
	 */
	String metrics(String token) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url("http", "/actuator/prometheus")))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("status of /actuator/prometheus").isEqualTo(200);
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpRequest get(String path) {
		return HttpRequest.newBuilder(URI.create(url("http", path))).timeout(Duration.ofSeconds(5)).build();
	}

	String url(String scheme, String path) {
		return scheme + "://127.0.0.1:" + this.httpPort + path;
	}

	int httpPort() {
		return this.httpPort;
	}

	int httpsPort() {
		return this.httpsPort;
	}

	Process process() {
		return this.process;
	}

	Path log() {
		return this.log;
	}

	String logText() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * The test's class path without the test classes: component scanning would pick up
	 * the tests' own configuration classes.
	 */
	private static String mainClassPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !Path.of(entry).endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
	}

}
