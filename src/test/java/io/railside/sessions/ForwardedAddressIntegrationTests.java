package io.railside.sessions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code X-Forwarded-For} counts only when a private or loopback proxy sends it: a client
 * on a public address cannot pose as many addresses to get round
 * {@code sessions-per-address}. The public client is a host of the test's own, in a
 * network namespace joined to this one by a veth pair with addresses from TEST-NET-2
 * (198.51.100.0/24), so no traffic leaves the machine; it speaks through {@code curl}.
 * Needs root and {@code ip} (CI has both, and fails if this test is skipped).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.limits.sessions-per-address=1" })
@Timeout(90)
class ForwardedAddressIntegrationTests {

	private static final String NAMESPACE = "rs-fwd-" + ProcessHandle.current().pid();

	private static final String HOST_LINK = "rsf" + ProcessHandle.current().pid();

	private static final String HOST_ADDRESS = "198.51.100.1";

	private static final String CLIENT_ADDRESS = "198.51.100.2";

	@Value("${local.http.port}")
	private int httpPort;

	@Autowired
	private SessionCount sessionCount;

	private final List<Process> clients = new ArrayList<>();

	@BeforeAll
	static void createThePublicHost() throws Exception {
		run("ip", "netns", "add", NAMESPACE);
		run("ip", "link", "add", HOST_LINK, "type", "veth", "peer", "name", HOST_LINK + "n");
		run("ip", "link", "set", HOST_LINK + "n", "netns", NAMESPACE);
		run("ip", "addr", "add", HOST_ADDRESS + "/24", "dev", HOST_LINK);
		run("ip", "link", "set", HOST_LINK, "up");
		run("ip", "netns", "exec", NAMESPACE, "ip", "addr", "add", CLIENT_ADDRESS + "/24", "dev", HOST_LINK + "n");
		run("ip", "netns", "exec", NAMESPACE, "ip", "link", "set", HOST_LINK + "n", "up");
	}

	@AfterAll
	static void removeThePublicHost() throws Exception {
		run("ip", "netns", "del", NAMESPACE);
		// Deleting the namespace deletes the pair; this is for a run cut short.
		new ProcessBuilder("ip", "link", "del", HOST_LINK).start().waitFor(10, TimeUnit.SECONDS);
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(Process::destroyForcibly);
	}

	@Test
	void aPublicClientCannotPoseAsOtherAddresses() throws Exception {
		assertThat(handshake(true, "203.0.113.50")).isEqualTo(101);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sessionCount.openFrom(CLIENT_ADDRESS) == 1);
		assertThat(this.sessionCount.openFrom("203.0.113.50")).isZero();
		assertThat(handshake(true, "203.0.113.51")).isEqualTo(503);
	}

	@Test
	void aLoopbackProxyIsBelieved() throws Exception {
		assertThat(handshake(false, "203.0.113.60")).isEqualTo(101);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sessionCount.openFrom("203.0.113.60") == 1);
		assertThat(handshake(false, "203.0.113.61")).isEqualTo(101);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sessionCount.openFrom("203.0.113.61") == 1);
		assertThat(handshake(false, "203.0.113.61")).isEqualTo(503);
	}

	/**
	 * A WebSocket handshake to the echo with curl, which holds an accepted socket open
	 * until the test ends.
	 * @param fromPublicHost whether to connect from the public host rather than loopback
	 * @param forwardedFor the {@code X-Forwarded-For} to send
	 * @return the status of the answer
	 */
	private int handshake(boolean fromPublicHost, String forwardedFor) throws Exception {
		List<String> command = new ArrayList<>();
		if (fromPublicHost) {
			command.addAll(List.of("ip", "netns", "exec", NAMESPACE));
		}
		String host = fromPublicHost ? HOST_ADDRESS : "127.0.0.1";
		// Headers to stderr, which curl does not buffer: it prints them while it holds
		// the
		// socket.
		command.addAll(List.of("curl", "-sS", "-N", "-o", "/dev/null", "-D", "/dev/stderr", "--http1.1", "--max-time",
				"60", "-H", "Connection: Upgrade", "-H", "Upgrade: websocket", "-H", "Sec-WebSocket-Version: 13", "-H",
				"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "-H", "X-Forwarded-For: " + forwardedFor,
				"http://" + host + ":" + this.httpPort + "/echo"));
		Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
		this.clients.add(curl);
		CompletableFuture<String> statusLine = CompletableFuture.supplyAsync(() -> firstLine(curl));
		String line = statusLine.get(10, TimeUnit.SECONDS);
		assertThat(line).as("curl's first line").startsWith("HTTP/1.1 ");
		return Integer.parseInt(line.split(" ")[1]);
	}

	private static String firstLine(Process curl) {
		try {
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(curl.getInputStream(), StandardCharsets.UTF_8));
			String line = reader.readLine();
			return (line != null) ? line : "";
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private static void run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
	}

}
