package io.railside.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * HAProxy run by a test, with the configuration we ship ({@code deploy/haproxy.cfg}) bent
 * only as far as a test needs: its listening ports, the instances' addresses and the
 * certificate file.
 */
final class HaproxyProcess implements AutoCloseable {

	static final Path SHIPPED_CONFIG = Path.of("deploy", "haproxy.cfg");

	private static final Pattern HTTP_BIND = Pattern.compile("(?m)^(\\s*bind\\s+)\\S*:8080\\b");

	private static final Pattern HTTPS_BIND = Pattern.compile("(?m)^(\\s*bind\\s+)\\S*:8443\\b(.*?\\bcrt\\s+)\\S+");

	private static final Pattern SERVER = Pattern.compile("(?m)^(\\s*server\\s+)(\\S+)(\\s+)\\S+:8080\\b");

	private final Process process;

	private final Path log;

	private HaproxyProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * The HAProxy executable; on CI its absence fails the test, elsewhere it skips it.
	 * @return the executable
	 */
	static Path require() {
		Path executable = executable();
		String missing = "HAProxy is not installed (apt-get install haproxy; .ci/run installs it)";
		if (executable == null && "true".equals(System.getenv("CI"))) {
			fail(missing);
		}
		assumeTrue(executable != null, missing);
		return executable;
	}

	/**
	 * The shipped configuration, pointed at this machine.
	 * @param httpPort the port in place of 8080
	 * @param httpsPort the port in place of 8443
	 * @param pem the certificate and key file for 8443
	 * @param instancePorts the plain HTTP ports of the instances, one for each server
	 * name
	 * @return the configuration text
	 * @throws IOException if the shipped file cannot be read
	 */
	static String configure(int httpPort, int httpsPort, Path pem, List<Integer> instancePorts) throws IOException {
		String config = Files.readString(SHIPPED_CONFIG);
		config = replaceOnce(config, HTTP_BIND, (bind) -> bind.group(1) + "127.0.0.1:" + httpPort);
		config = replaceOnce(config, HTTPS_BIND,
				(bind) -> bind.group(1) + "127.0.0.1:" + httpsPort + bind.group(2) + pem.toAbsolutePath());
		List<String> names = new ArrayList<>();
		Matcher servers = SERVER.matcher(config);
		while (servers.find()) {
			if (!names.contains(servers.group(2))) {
				names.add(servers.group(2));
			}
		}
		assertThat(names).as("server names in %s", SHIPPED_CONFIG).hasSize(instancePorts.size());
		return SERVER.matcher(config)
			.replaceAll((server) -> Matcher.quoteReplacement(server.group(1) + server.group(2) + server.group(3)
					+ "127.0.0.1:" + instancePorts.get(names.indexOf(server.group(2)))));
	}

	private static String replaceOnce(String config, Pattern pattern, Function<MatchResult, String> replacement) {
		assertThat(pattern.matcher(config).results().count()).as("lines matching %s in %s", pattern, SHIPPED_CONFIG)
			.isEqualTo(1);
		return pattern.matcher(config).replaceAll((match) -> Matcher.quoteReplacement(replacement.apply(match)));
	}

	/**
	 * Check a configuration with {@code haproxy -c}, then run it in the foreground.
	 * @param executable the HAProxy executable
	 * @param config the configuration text
	 * @param name names the configuration and log files
	 * @return the running process
	 * @throws Exception if HAProxy cannot be started
	 */
	static HaproxyProcess start(Path executable, String config, String name) throws Exception {
		Files.createDirectories(RailsideProcess.LOGS);
		Path file = RailsideProcess.LOGS.resolve(name + ".cfg");
		Files.writeString(file, config);
		Process check = new ProcessBuilder(executable.toString(), "-c", "-f", file.toString()).redirectErrorStream(true)
			.start();
		assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String checked = new String(check.getInputStream().readAllBytes());
		assertThat(check.exitValue()).as("haproxy -c -f %s: %s", file, checked).isZero();
		Path log = RailsideProcess.LOGS.resolve(name + ".log");
		Process process = new ProcessBuilder(executable.toString(), "-f", file.toString(), "-db")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		return new HaproxyProcess(process, log);
	}

	Path log() {
		return this.log;
	}

	/**
	 * Fail with HAProxy's output if it has exited.
	 * @throws IOException if the log cannot be read
	 */
	void assertRunning() throws IOException {
		if (!this.process.isAlive()) {
			throw new AssertionError(
					"HAProxy exited with " + this.process.exitValue() + ": " + Files.readString(this.log));
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	private static @Nullable Path executable() {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream.concat(Stream.of("/usr/sbin", "/usr/local/sbin"), Stream.of(path.split(":")))
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, "haproxy"))
			.filter(Files::isExecutable)
			.findFirst()
			.orElse(null);
	}

}
