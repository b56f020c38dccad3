package io.railside.testpage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.railside.cable.CableBroadcasts;
import io.railside.cable.SignedStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs AnyCable's client from npm ({@code @anycable/web}) with the extended protocol,
 * {@code actioncable-v1-ext-json}, in headless Chromium against {@code /cable}: after the
 * server closes its socket, and broadcasts go out while it is away, the page comes back
 * and asks for what it missed by stream position. The page keeps away until the test
 * sends it the browser's {@code online} event, so no broadcast races a reconnect.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", CableBroadcasts.SECRET_SETTING,
				"railside.cable.broadcast-key=" + CableBrowserTests.BROADCAST_KEY })
@Timeout(120)
class AnyCableBrowserTests {

	private static final Pattern README_EXAMPLE = Pattern
		.compile("<!-- readme-test: anycable.js -->\n```js\n(.*?)```\n<!-- /readme-test -->", Pattern.DOTALL);

	private static Path nodeModules;

	private static Browser browser;

	@Value("${local.http.port}")
	private int httpPort;

	private RailsStandIn app;

	@BeforeAll
	static void installPackagesAndStartBrowser() throws IOException, InterruptedException {
		nodeModules = NpmPackages.install();
		browser = Browser.start();
	}

	@AfterAll
	static void quitBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@AfterEach
	void stopTheApp() {
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void missedMessagesArriveOnceAndInOrderAfterAReconnect() throws Exception {
		String stream = "gid://railside-test/Board/7";
		CableBroadcasts broadcasts = new CableBroadcasts(this.httpPort, CableBrowserTests.BROADCAST_KEY);
		open();
		browser.run("page.follow('" + SignedStreams.sign(stream) + "');");
		browser.awaitText("debug", "channel connected");
		broadcasts.broadcast(stream, "{\"text\":\"one\"}");
		browser.awaitText("msg", "{\"text\":\"one\"}");
		// Rails answers a command it does not know with a disconnect and closes the
		// socket.
		browser.run("page.cable.send({ command: 'bogus' });");
		browser.awaitText("debug", "cable disconnected: invalid_request");
		broadcasts.broadcast(stream, "{\"text\":\"two\"}");
		broadcasts.broadcast(stream, "{\"text\":\"three\"}");
		browser.run("page.online();");
		browser.awaitText("msg", "{\"text\":\"three\"}");
		broadcasts.broadcast(stream, "{\"text\":\"four\"}");
		browser.awaitText("msg", "{\"text\":\"four\"}");
		List<String[]> received = browser.lines("msg").stream().map((line) -> line.split(" ", 2)).toList();
		assertThat(received).extracting((message) -> message[1])
			.containsExactly("{\"text\":\"one\"}", "{\"text\":\"two\"}", "{\"text\":\"three\"}", "{\"text\":\"four\"}");
		assertThat(received).extracting((message) -> Long.parseLong(message[0])).isSorted().doesNotHaveDuplicates();
		assertThat(browser.lines("debug")).as("AnyCable's account of the reconnect")
			.contains("channel info history_received");
	}

	@Test
	void readmeExampleReceivesWhatIsBroadcastOnceItsPageIsLoaded() throws Exception {
		Matcher example = README_EXAMPLE.matcher(Files.readString(Path.of("README.md")));
		assertThat(example.find()).as("README.md marks its AnyCable example").isTrue();
		String stream = "gid://railside-test/Board/8";
		this.app = RailsStandIn
			.serving(
					"anycable-readme.html", Map.of("cable-url", "ws://localhost:" + this.httpPort + "/cable",
							"signed-stream", SignedStreams.sign(stream), "readme-example", example.group(1)),
					nodeModules);
		// The page asks for what was published since it loaded, in whole seconds: a
		// second
		// that began before Railside started could have had messages it never saw.
		long next = Instant.now().getEpochSecond() + 1;
		await().atMost(Duration.ofSeconds(3)).until(() -> Instant.now().getEpochSecond() >= next);
		browser.open(this.app.url());
		browser.awaitText("debug", "module loaded");
		// Published before the subscription may be in place: the extended protocol asks
		// for what was published since the page loaded.
		new CableBroadcasts(this.httpPort, CableBrowserTests.BROADCAST_KEY).broadcast(stream, "{\"text\":\"hello\"}");
		browser.awaitText("msg", "{\"text\":\"hello\"}");
	}

	private void open() throws IOException {
		this.app = RailsStandIn.serving("anycable.html",
				Map.of("cable-url", "ws://localhost:" + this.httpPort + "/cable"), nodeModules);
		browser.open(this.app.url());
		browser.awaitText("debug", "module loaded");
	}

}
