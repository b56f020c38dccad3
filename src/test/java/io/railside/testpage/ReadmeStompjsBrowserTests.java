package io.railside.testpage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.railside.security.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the README's stompjs example, as the README has it, in headless Chromium with
 * {@code @stomp/stompjs} from npm, against a Railside that requires tokens: after a drop
 * it reconnects with a fresh token and resumes, and it reloads when told it was not
 * recovered. Each drop closes the socket without a DISCONNECT (stompjs's
 * {@code forceDisconnect}); stompjs reconnects 5 s later, time enough to publish while
 * the page is away.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", TestTokens.SECRET_SETTING, TestTokens.ISSUER_SETTING,
				TestTokens.AUDIENCE_SETTING, TestTokens.CLOCK_SKEW_SETTING, PublishApi.TOKEN_SETTING,
				"railside.history.size=3" })
@Timeout(120)
class ReadmeStompjsBrowserTests {

	private static final Pattern EXAMPLE = Pattern
		.compile("<!-- readme-test: realtime.js -->\n```js\n(.*?)```\n<!-- /readme-test -->", Pattern.DOTALL);

	private static Path nodeModules;

	private static Browser browser;

	@Value("${local.http.port}")
	private int httpPort;

	private PublishApi api;

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

	@BeforeEach
	void openThePage() throws IOException {
		this.api = new PublishApi(this.httpPort);
		this.app = RailsStandIn.start("ws://localhost:" + this.httpPort + "/stomp", readmeExample(), nodeModules);
		browser.open(this.app.url());
		browser.awaitText("debug", "module loaded");
	}

	@AfterEach
	void stopTheApp() {
		this.app.close();
	}

	@Test
	void missedMessagesArriveOnceAndInOrderAfterAReconnectWithAFreshToken() throws Exception {
		String topic = "/topic/orders.recovered";
		followAndReceiveOne(topic);
		drop();
		this.api.publish(topic, "two");
		this.api.publish(topic, "three");
		assertThat(this.app.tokenRequests()).as("the page reconnected before the publishes were done").hasSize(1);
		browser.awaitText("msg", " three");
		this.api.publish(topic, "four");
		browser.awaitText("msg", " four");
		assertReceivedInOrder("one", "two", "three", "four");
		assertThat(browser.text("debug")).doesNotContain("reload");
		assertThat(this.app.tokenRequests()).containsExactly(RailsStandIn.CSRF_TOKEN, RailsStandIn.CSRF_TOKEN);
	}

	@Test
	void notRecoveredAsksForAReloadOnceAndResumesFromTheTopicsPositionAfterwards() throws Exception {
		String topic = "/topic/orders.reload";
		followAndReceiveOne(topic);
		drop();
		// Railside keeps three messages per topic here: the first of these four goes.
		for (int i = 1; i <= 4; i++) {
			this.api.publish(topic, "missed-" + i);
		}
		assertThat(this.app.tokenRequests()).as("the page reconnected before the publishes were done").hasSize(1);
		browser.awaitText("debug", "reload: too_old");
		drop();
		await().atMost(Duration.ofSeconds(15)).until(() -> this.app.tokenRequests().size() == 3);
		this.api.publish(topic, "after");
		browser.awaitText("msg", " after");
		assertReceivedInOrder("one", "after");
		assertThat(browser.lines("debug")).filteredOn((line) -> line.startsWith("reload"))
			.containsExactly("reload: too_old");
	}

	@Test
	void aTokenRequestThatFailsDoesNotStopTheReconnecting() throws Exception {
		String topic = "/topic/orders.deploy";
		followAndReceiveOne(topic);
		this.app.failNextTokenRequest();
		drop();
		this.api.publish(topic, "two");
		browser.awaitText("msg", " two");
		assertReceivedInOrder("one", "two");
		assertThat(this.app.tokenRequests()).hasSize(2);
		assertThat(browser.text("debug")).doesNotContain("reload");
	}

	@Test
	void aPageFollowsFromThePositionItWasRenderedAtAndMissesNothingPublishedBeforeItSubscribed() throws Exception {
		String position = this.api.position("orders.rendered");
		this.api.publish("/topic/orders.rendered", "while-loading");
		browser.run("await readme.connected(); readme.follow('/topic/orders.rendered', " + position + ");");
		browser.awaitText("msg", " while-loading");
		this.api.publish("/topic/orders.rendered", "live");
		browser.awaitText("msg", " live");
		assertReceivedInOrder("while-loading", "live");
		assertThat(browser.text("debug")).doesNotContain("reload");
	}

	/**
	 * Follow a topic once connected, and send a first message over the same connection,
	 * which Railside handles after the SUBSCRIBE.
	 */
	private void followAndReceiveOne(String topic) {
		browser.run("await readme.connected(); readme.follow('" + topic + "');"
				+ " readme.client.publish({ destination: '" + topic + "', body: 'one' });");
		browser.awaitText("msg", " one");
	}

	private void drop() {
		int closed = closes();
		browser.run("readme.client.forceDisconnect();");
		await().atMost(Duration.ofSeconds(15)).until(() -> closes() > closed);
	}

	private static int closes() {
		return (int) browser.lines("debug").stream().filter("socket closed"::equals).count();
	}

	private static void assertReceivedInOrder(String... bodies) {
		List<String[]> received = browser.lines("msg").stream().map((line) -> line.split(" ", 2)).toList();
		assertThat(received).extracting((message) -> message[1]).containsExactly(bodies);
		assertThat(received).extracting((message) -> Long.parseLong(message[0])).isSorted().doesNotHaveDuplicates();
	}

	private static String readmeExample() throws IOException {
		Matcher example = EXAMPLE.matcher(Files.readString(Path.of("README.md")));
		assertThat(example.find()).as("README.md marks its stompjs example with readme-test comments").isTrue();
		return example.group(1);
	}

}
