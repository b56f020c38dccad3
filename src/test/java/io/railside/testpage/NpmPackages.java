package io.railside.testpage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Installs the front-end packages of {@code src/test/js} with npm, as its lock file pins
 * them, once for all the browser tests of a run, so that the pages are served the
 * packages' own files and need no CDN.
 */
final class NpmPackages {

	private static final Path DIRECTORY = Path.of("target/browser-js");

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private static @Nullable Path installed;

	private NpmPackages() {
	}

	/**
	 * Install the packages unless this run already did.
	 * @return the {@code node_modules} directory
	 */
	static synchronized Path install() throws IOException, InterruptedException {
		if (installed == null) {
			installed = npmCi();
		}
		return installed;
	}

	private static Path npmCi() throws IOException, InterruptedException {
		assumeTrue(onPath("npm"), "npm is needed to install the packages of src/test/js");
		Files.createDirectories(DIRECTORY);
		for (String file : List.of("package.json", "package-lock.json")) {
			Files.copy(Path.of("src/test/js", file), DIRECTORY.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		Path log = DIRECTORY.resolve("npm-ci.txt");
		Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
			.directory(DIRECTORY.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!npm.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			npm.destroyForcibly();
			fail("npm ci did not finish within " + TIMEOUT + ":%n%s", Files.readString(log));
		}
		assertThat(npm.exitValue()).as("npm ci:%n%s", Files.readString(log)).isZero();
		return DIRECTORY.resolve("node_modules");
	}

	private static boolean onPath(String command) {
		return Stream.of(System.getenv("PATH").split(File.pathSeparator))
			.anyMatch((directory) -> Files.isExecutable(Path.of(directory, command)));
	}

}
