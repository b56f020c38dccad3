package io.railside.testpage;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test page's resume switch in headless Chromium: the page drops its connection
 * without a DISCONNECT (its Drop button), a backend publishes through the publish API
 * while it is away, and the page reconnects 2 s later. With resume on, the missed
 * messages fill the gap, each once, in order, with its offset; with it off they are lost;
 * and a resume that cannot recover says why.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", PublishApi.TOKEN_SETTING, "railside.history.size=3" })
@Timeout(90)
class TestPageResumeBrowserTests {

	private static final Pattern MESSAGE = Pattern.compile("offset (\\d+) (\\S+) (.*)$");

	private static Browser browser;

	@Value("${local.http.port}")
	private int httpPort;

	@BeforeAll
	static void startBrowser() throws IOException {
		browser = Browser.start();
	}

	@AfterAll
	static void quitBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@AfterEach
	void pageKeptToItsContentSecurityPolicy() {
		assertThat(browser.contentSecurityPolicyViolations()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "stomp", "sockjs" })
	void withResumeOnTheMessagesSentWhileAwayFillTheGapOnceAndInOrder(String transport) throws Exception {
		String topic = "/topic/page.resume-" + transport;
		connect(transport, true);
		subscribeAndSend(topic, "one");
		dropAndPublish(topic, "two", "three");
		browser.awaitText("debug", "resumed " + topic + ": recovered, the missed messages follow");
		browser.awaitText("msg", topic + " three");
		send(topic, "four");
		List<Received> received = received(topic);
		assertThat(received).extracting(Received::body).containsExactly("one", "two", "three", "four");
		assertThat(received).extracting(Received::offset).isSorted().doesNotHaveDuplicates();
		browser.awaitText("debug", "resuming " + topic + " after offset " + received.get(0).offset() + " (epoch ");
	}

	@Test
	void withResumeOffTheMessagesSentWhileAwayAreLost() throws Exception {
		String topic = "/topic/page.no-resume";
		connect("stomp", false);
		subscribeAndSend(topic, "one");
		dropAndPublish(topic, "missed");
		browser.awaitText("debug",
				"subscribed to " + topic + " again, without resuming: messages sent while away are lost");
		send(topic, "after");
		assertThat(received(topic)).extracting(Received::body).containsExactly("one", "after");
	}

	@Test
	void aResumeThatCannotRecoverSaysWhyAndTheLiveMessagesFollow() throws Exception {
		String topic = "/topic/page.too-old";
		connect("stomp", true);
		subscribeAndSend(topic, "one");
		// Railside keeps three messages per topic here: the first of these four goes.
		dropAndPublish(topic, "m1", "m2", "m3", "m4");
		browser.awaitText("debug",
				"resumed " + topic + ": not recovered (too_old): messages were missed, reload the state");
		send(topic, "after");
		assertThat(received(topic)).extracting(Received::body).containsExactly("one", "after");
	}

	private void connect(String transport, boolean resume) {
		browser.open("http://localhost:" + this.httpPort + "/");
		browser.select("transport", transport);
		if (browser.checked("resume") != resume) {
			browser.click("resume");
		}
		browser.click("connect");
		browser.awaitText("debug", "connected... STOMP 1.2");
	}

	/**
	 * Subscribe, then send over the same connection, which Railside handles after the
	 * SUBSCRIBE.
	 */
	private void subscribeAndSend(String topic, String body) {
		browser.type("destination", topic);
		browser.click("subscribe");
		browser.awaitText("debug", "subscribed to " + topic);
		send(topic, body);
	}

	private void send(String topic, String body) {
		browser.type("send-destination", topic);
		browser.type("body", body);
		browser.click("send");
		browser.awaitText("msg", topic + " " + body);
	}

	private void dropAndPublish(String topic, String... bodies) throws Exception {
		browser.click("drop");
		browser.awaitText("debug", "connection lost: reconnecting in 2 s");
		PublishApi api = new PublishApi(this.httpPort);
		for (String body : bodies) {
			api.publish(topic, body);
		}
		assertThat(browser.text("debug")).as("the page reconnected before the publishes were done")
			.doesNotContain(topic + " again")
			.doesNotContain("resuming " + topic);
	}

	private static List<Received> received(String topic) {
		return browser.lines("msg")
			.stream()
			.map(MESSAGE::matcher)
			.filter(Matcher::find)
			.filter((message) -> message.group(2).equals(topic))
			.map((message) -> new Received(Long.parseLong(message.group(1)), message.group(3)))
			.toList();
	}

	private record Received(long offset, String body) {
	}

}
