package io.railside.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Cloud 66 recipes under {@code deploy/cloud66} hold together with Railside: the
 * container's start command and environment, run as a process, become ready and live; the
 * service's probes, ports and stop grace match what Railside serves and how long it takes
 * to stop; the Rails stack's Procfile line and stop sequence do the same.
 */
@Timeout(180)
class Cloud66RecipeTests {

	private static final Path RECIPES = Path.of("deploy", "cloud66");

	private static final Path DOCKERFILE = RECIPES.resolve("container/Dockerfile");

	private static final Path SERVICE = RECIPES.resolve("container/service.yml");

	private static final Path PROCFILE = RECIPES.resolve("rails-stack/Procfile");

	private static final Path MANIFEST = RECIPES.resolve("rails-stack/.cloud66/manifest.yml");

	private static final Path DEPLOY_HOOKS = RECIPES.resolve("rails-stack/.cloud66/deploy_hooks.yml");

	private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

	private static RailsideProcess container;

	@BeforeAll
	static void startAsTheContainerWould() throws IOException {
		container = RailsideProcess.startExactly("cloud66-container", dockerfileJvmOptions(), dockerfileEnvironment())
			.awaitReady();
	}

	@AfterAll
	static void stopContainer() throws InterruptedException {
		container.close();
	}

	@Test
	void theDockerfilesStartCommandSizesTheHeapToTheContainerAndRunsTheJar() throws IOException {
		List<String> entrypoint = entrypoint();
		assertThat(entrypoint).startsWith("java").endsWith("-jar", "/app/railside.jar");
		assertThat(dockerfileJvmOptions()).contains("-XX:MaxRAMPercentage=75");
	}

	@Test
	void theDockerfilesJvmOptionsAndEnvironmentStartARailsideThatIsReadyAndLive() {
		assertThat(container.readinessStatus()).isEqualTo(200);
		assertThat(RailsideProcess.status(container.get("/actuator/health/liveness"))).isEqualTo(200);
	}

	@Test
	void theServicesProbesAreServedByTheRunningProcess() throws IOException {
		Map<String, Object> health = map(railsideService().get("health"));
		assertThat(health).containsKeys("ready", "alive");
		assertThat(map(health.get("ready"))).containsEntry("endpoint", "/actuator/health/readiness");
		assertThat(map(health.get("alive"))).containsEntry("endpoint", "/actuator/health/liveness");
		health.values().stream().map(Cloud66RecipeTests::map).forEach((probe) -> {
			assertThat(probe).containsEntry("type", "http").containsEntry("port", 8080);
			String endpoint = (String) probe.get("endpoint");
			assertThat(RailsideProcess.status(container.get(endpoint))).as(endpoint).isEqualTo(200);
		});
	}

	@Test
	void theServicePublishesTheContainersHttpPortOn8080And8443() throws IOException {
		List<Object> ports = list(railsideService().get("ports"));
		assertThat(ports).hasSize(1);
		assertThat(map(ports.get(0))).containsExactlyInAnyOrderEntriesOf(Map.of("container",
				Integer.valueOf(dockerfileEnvironment().get("RAILSIDE_HTTP_PORT")), "http", 8080, "https", 8443));
		assertThat(dockerfileLines()).contains("EXPOSE 8080 8443");
	}

	@Test
	void theServiceWaitsLongerThanTheShutdownTimeoutBeforeKilling() throws IOException {
		Duration stopGrace = duration(String.valueOf(railsideService().get("stop_grace")), "s");
		assertThat(stopGrace).isGreaterThan(shutdownTimeout());
	}

	@Test
	void theProcfileLineIsANamedBackgroundProcessRunningTheJarTheHooksInstall() throws IOException {
		String[] entry = procfileEntry();
		assertThat(entry[0]).matches("[a-z][a-z0-9_]*").isNotIn("web", "custom_web");
		assertThat(entry[1]).startsWith("/usr/bin/java ").endsWith(" -jar /opt/railside/railside.jar");
		String hooks = Files.readString(DEPLOY_HOOKS);
		assertThat(hooks).contains("apt-get install -y openjdk-17-jre-headless").contains("/opt/railside/railside.jar");
		Map<String, Object> parsed = map(new Yaml().load(hooks));
		assertThat(parsed).containsOnlyKeys("first_thing", "after_rails");
		parsed.values()
			.stream()
			.flatMap((hooksAtPoint) -> list(hooksAtPoint).stream())
			.map(Cloud66RecipeTests::map)
			.forEach((hook) -> assertThat(hook).containsEntry("target", "rails")
				.containsEntry("run_on", "all_servers")
				.containsEntry("sudo", true)
				.containsEntry("execute", true)
				.containsEntry("apply_during", "all"));
	}

	@Test
	void theManifestStopsTheProcessWithTermFirstAndWaitsLongerThanTheShutdownTimeout() throws IOException {
		Map<String, Object> metadata = map(
				map(map(new Yaml().load(Files.readString(MANIFEST))).get("production")).get("procfile_metadata"));
		String stopSequence = (String) map(metadata.get(procfileEntry()[0])).get("stop_sequence");
		List<String> steps = Arrays.stream(stopSequence.split(",")).map(String::strip).toList();
		assertThat(steps).hasSize(3);
		assertThat(steps.get(0)).isEqualTo("term");
		assertThat(duration(steps.get(1), "s")).isGreaterThan(shutdownTimeout());
		assertThat(steps.get(2)).isEqualTo("kill");
	}

	private static String[] procfileEntry() throws IOException {
		List<String> lines = Files.readAllLines(PROCFILE).stream().filter((line) -> !line.isBlank()).toList();
		assertThat(lines).hasSize(1);
		String[] entry = lines.get(0).split(":", 2);
		return new String[] { entry[0].strip(), entry[1].strip() };
	}

	private static Duration shutdownTimeout() throws IOException {
		Map<String, Object> yaml = map(
				new Yaml().load(Files.readString(Path.of("src/main/resources/application.yml"))));
		Object timeout = map(map(yaml.get("spring")).get("lifecycle")).get("timeout-per-shutdown-phase");
		return duration(String.valueOf(timeout), "ms");
	}

	private static Duration duration(String text, String defaultUnit) {
		Matcher matcher = DURATION.matcher(text.strip());
		assertThat(matcher.matches()).as("a duration: %s", text).isTrue();
		long value = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : defaultUnit;
		return switch (unit) {
			case "ms" -> Duration.ofMillis(value);
			case "s" -> Duration.ofSeconds(value);
			case "m" -> Duration.ofMinutes(value);
			default -> Duration.ofHours(value);
		};
	}

	private static Map<String, Object> railsideService() throws IOException {
		Map<String, Object> yaml = map(new Yaml().load(Files.readString(SERVICE)));
		return map(map(yaml.get("services")).get("railside"));
	}

	/**
	 * The options between {@code java} and {@code -jar} in the final stage's
	 * {@code ENTRYPOINT}.
	 */
	private static List<String> dockerfileJvmOptions() throws IOException {
		List<String> entrypoint = entrypoint();
		return entrypoint.subList(1, entrypoint.indexOf("-jar"));
	}

	private static List<String> entrypoint() throws IOException {
		String line = finalStage("ENTRYPOINT").get(0);
		return QUOTED.matcher(line).results().map((match) -> match.group(1)).toList();
	}

	/**
	 * The final stage's {@code ENV}, in its {@code KEY=value} form.
	 */
	private static Map<String, String> dockerfileEnvironment() throws IOException {
		Map<String, String> environment = new LinkedHashMap<>();
		for (String line : finalStage("ENV")) {
			for (String pair : line.substring("ENV".length()).strip().split("\\s+")) {
				String[] keyAndValue = pair.split("=", 2);
				assertThat(keyAndValue).as("ENV %s in KEY=value form", pair).hasSize(2);
				environment.put(keyAndValue[0], keyAndValue[1]);
			}
		}
		return environment;
	}

	private static List<String> finalStage(String instruction) throws IOException {
		List<String> lines = dockerfileLines();
		int lastFrom = 0;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith("FROM ")) {
				lastFrom = i;
			}
		}
		List<String> found = lines.subList(lastFrom, lines.size())
			.stream()
			.filter((line) -> line.startsWith(instruction + " "))
			.toList();
		assertThat(found).as("%s in the final stage of %s", instruction, DOCKERFILE).isNotEmpty();
		return found;
	}

	/**
	 * The Dockerfile's instructions, one a line: comments dropped, continued lines
	 * joined.
	 */
	private static List<String> dockerfileLines() throws IOException {
		String text = Files.readAllLines(DOCKERFILE)
			.stream()
			.filter((line) -> !line.strip().startsWith("#"))
			.reduce("", (joined, line) -> joined + line + "\n")
			.replaceAll("\\\\\\n\\s*", " ");
		return text.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object yaml) {
		assertThat(yaml).isInstanceOf(Map.class);
		return (Map<String, Object>) yaml;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object yaml) {
		assertThat(yaml).isInstanceOf(List.class);
		return (List<Object>) yaml;
	}

}
