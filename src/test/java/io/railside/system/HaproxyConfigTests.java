package io.railside.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings of {@code deploy/haproxy.cfg} that WebSocket, SockJS and graceful shutdown
 * depend on; {@link HaproxyIntegrationTests} shows that the file works as a whole.
 */
class HaproxyConfigTests {

	private static final Duration STOMP_HEARTBEAT = Duration.ofSeconds(10);

	private static final Duration SOCKJS_HEARTBEAT = Duration.ofSeconds(25);

	@Test
	void webSocketTunnelsOutliveManyHeartbeats() throws IOException {
		assertThat(timeout("tunnel")).isGreaterThanOrEqualTo(STOMP_HEARTBEAT.multipliedBy(60));
	}

	@Test
	void heldSockJsRequestsOutliveSockJsHeartbeats() throws IOException {
		assertThat(timeout("client")).isGreaterThan(SOCKJS_HEARTBEAT);
		assertThat(timeout("server")).isGreaterThan(SOCKJS_HEARTBEAT);
	}

	@Test
	void instancesAreCheckedOnReadiness() throws IOException {
		assertThat(shipped()).containsPattern("(?m)^\\s*option httpchk GET /actuator/health/readiness$")
			.containsPattern("(?m)^\\s*http-check expect status 200$");
	}

	/**
	 * STOMP and SockJS clients send their JWT as {@code ?access_token=}: no log line may
	 * carry a query string. HAProxy's {@code option httplog} and {@code httpslog} log the
	 * request line ({@code %r}) whole; {@code %HU} is the URI with its query and
	 * {@code %HQ} the query alone.
	 */
	@Test
	void requestsAreLoggedWithoutTheirQueryStrings() throws IOException {
		List<String> lines = shipped().lines().map(String::strip).filter((line) -> !line.startsWith("#")).toList();
		assertThat(lines).noneMatch((line) -> line.matches("option\\s+https?log\\b.*"));
		List<String> formats = lines.stream()
			.filter((line) -> line.matches("(log-format|log-format-sd|error-log-format)\\s.*"))
			.toList();
		assertThat(formats).as("log formats").isNotEmpty().allSatisfy((format) -> {
			assertThat(format).contains("%HP")
				.doesNotContainPattern("%(\\{[^}]*\\})?(r|HU|HQ)\\b")
				.doesNotContainPattern("%\\[[^]]*(url|uri|query)");
		});
	}

	@Test
	void aTestConfigurationPointsOnlyAtThisMachine() throws IOException {
		String config = HaproxyProcess.configure(18080, 18443, Path.of("test.pem"), List.of(28080, 38080, 48080))
			.lines()
			.filter((line) -> !line.isBlank() && !line.strip().startsWith("#"))
			.collect(Collectors.joining("\n"));
		assertThat(config).doesNotContain("10.0.0.", "/etc/haproxy/certs/railside.pem")
			.containsPattern("(?m)^\\s*bind 127\\.0\\.0\\.1:18080$")
			.containsPattern("(?m)^\\s*bind 127\\.0\\.0\\.1:18443 ssl crt \\S*test\\.pem ")
			.containsPattern("(?m)^\\s*server railside1 127\\.0\\.0\\.1:28080 check$")
			.containsPattern("(?m)^\\s*server railside2 127\\.0\\.0\\.1:38080 track railside/railside2$")
			.containsPattern("(?m)^\\s*server railside3 127\\.0\\.0\\.1:48080 check$");
	}

	private static Duration timeout(String name) throws IOException {
		Matcher matcher = Pattern.compile("(?m)^\\s*timeout " + name + " (\\d+)(ms|s|m|h)$").matcher(shipped());
		assertThat(matcher.find()).as("timeout %s in %s", name, HaproxyProcess.SHIPPED_CONFIG).isTrue();
		long value = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2)) {
			case "ms" -> Duration.ofMillis(value);
			case "s" -> Duration.ofSeconds(value);
			case "m" -> Duration.ofMinutes(value);
			default -> Duration.ofHours(value);
		};
	}

	private static String shipped() throws IOException {
		return Files.readString(HaproxyProcess.SHIPPED_CONFIG);
	}

}
