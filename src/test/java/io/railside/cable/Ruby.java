package io.railside.cable;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs a Ruby script as a Rails developer's machine would, with Debian's Ruby and its
 * Rails 6.1 packages, within a bounded time; a missing Ruby fails the test rather than
 * skipping it.
 */
final class Ruby {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final Path directory;

	private final Map<String, String> environment;

	/**
	 * @param directory where scripts and their output are written
	 * @param environment the variables the scripts see, beside the test's own
	 */
	Ruby(Path directory, Map<String, String> environment) {
		this.directory = directory;
		this.environment = environment;
	}

	/**
	 * Run a script that must succeed.
	 * @param name the script's file name
	 * @param script the script
	 * @param arguments its arguments, {@code -I} options first
	 * @return what it wrote to standard output
	 */
	String run(String name, String script, String... arguments) throws IOException, InterruptedException {
		Result result = attempt(name, script, arguments);
		assertThat(result.exitValue()).as("ruby %s:%n%s%n-- stderr:%n%s", name, script, result.errors()).isZero();
		return result.output();
	}

	/**
	 * Run a script that may fail.
	 * @param name the script's file name
	 * @param script the script
	 * @param arguments its arguments
	 * @return how it ended
	 */
	Result attempt(String name, String script, String... arguments) throws IOException, InterruptedException {
		if (!onPath("ruby")) {
			fail("ruby is not installed: install ruby, ruby-activesupport, ruby-actioncable and ruby-jwt"
					+ " (.ci/run does)");
		}
		Path file = Files.writeString(this.directory.resolve(name), script);
		Path output = this.directory.resolve(name + ".out");
		Path errors = this.directory.resolve(name + ".err");
		List<String> command = new ArrayList<>(List.of("ruby"));
		List<String> rest = new ArrayList<>(List.of(arguments));
		while (!rest.isEmpty() && rest.get(0).startsWith("-I")) {
			command.add(rest.remove(0));
		}
		command.add(file.toString());
		command.addAll(rest);
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile())
			.redirectError(errors.toFile());
		builder.environment().putAll(this.environment);
		Process ruby = builder.start();
		if (!ruby.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			ruby.destroyForcibly();
			fail("ruby %s did not finish within %s:%n%s", name, TIMEOUT, Files.readString(errors));
		}
		return new Result(ruby.exitValue(), Files.readString(output), Files.readString(errors));
	}

	private static boolean onPath(String command) {
		return Stream.of(System.getenv("PATH").split(File.pathSeparator))
			.anyMatch((directory) -> Files.isExecutable(Path.of(directory, command)));
	}

	/**
	 * How a script ended.
	 *
	 * @param exitValue its exit status
	 * @param output what it wrote to standard output
	 * @param errors what it wrote to standard error
	 */
	record Result(int exitValue, String output, String errors) {

	}

}
