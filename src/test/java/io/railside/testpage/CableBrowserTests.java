package io.railside.testpage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs Rails' own clients from npm in headless Chromium against {@code /cable}: a page
 * with {@code @rails/actioncable}, as an app's {@code channels/consumer.js} creates it,
 * and a page with {@code @hotwired/turbo-rails} and the element {@code turbo_stream_from}
 * renders. Messages come from {@code POST /_broadcast}, as a Rails app sends them; stream
 * names are signed as turbo-rails signs them.
 * <p>
 * And AnyCable's client ({@code @anycable/web}) with the extended protocol: after the
 * server closes its socket, and broadcasts go out while it is away, the page comes back
 * and asks for what it missed by stream position. That page keeps away until the test
 * sends it the browser's {@code online} event, so no broadcast races a reconnect. The
 * README's AnyCable example runs as the README has it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", CableBroadcasts.SECRET_SETTING,
				"railside.cable.broadcast-key=" + CableBrowserTests.BROADCAST_KEY })
@Timeout(120)
class CableBrowserTests {

	/**
	 * Set, so that these tests broadcast with a key of their own (the others derive it).
	 */
	static final String BROADCAST_KEY = "browser-tests-broadcast-key";

	/**
	 * How long Action Cable may take to reopen a socket the server closed: its monitor
	 * polls every 6 to 12 s and leaves a socket closed less than 6 s ago alone.
	 */
	private static final Duration REOPEN = Duration.ofSeconds(30);

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
	void anActionCablePageReceivesBroadcastsAndResubscribesAfterTheServerClosesItsSocket() throws Exception {
		String stream = "chat_Best Room";
		open("actioncable.html", Map.of());
		browser.run("page.subscribe('chat', { channel: '$pubsub', signed_stream_name: '" + SignedStreams.sign(stream)
				+ "' });");
		browser.awaitText("debug", "connected chat");
		broadcasts().broadcast(stream, "{\"text\":\"one\"}");
		browser.awaitText("msg", "chat {\"text\":\"one\"}");
		// Rails answers an unknown command with a disconnect and closes the socket.
		browser.run("page.consumer.connection.send({ command: 'bogus' });");
		await().atMost(REOPEN).until(() -> browser.lines("debug").contains("reconnected chat"));
		broadcasts().broadcast(stream, "{\"text\":\"two\"}");
		browser.awaitText("msg", "chat {\"text\":\"two\"}");
		assertThat(browser.lines("msg")).containsExactly("chat {\"text\":\"one\"}", "chat {\"text\":\"two\"}");
		assertThat(browser.lines("debug")).contains("[ActionCable] Disconnecting. Reason: invalid_request",
				"disconnected chat, will reconnect");
	}

	@Test
	void aTamperedSignedNameIsRejectedAndAPerformIsIgnoredWhileTheOtherSubscriptionCarriesOn() throws Exception {
		String stream = "gid://railside-test/Room/1:messages";
		String signed = SignedStreams.sign(stream);
		open("actioncable.html", Map.of());
		browser.run("page.subscribe('tampered', { channel: '$pubsub', signed_stream_name: '" + tamper(signed) + "' });"
				+ " page.subscribe('room', { channel: '$pubsub', signed_stream_name: '" + signed + "' });");
		browser.awaitText("debug", "connected room");
		browser.awaitText("debug", "rejected tampered");
		// A channel action needs Ruby: Railside drops the message command.
		browser.run("page.subscriptions.room.perform('speak', { text: 'hello' });");
		broadcasts().broadcast(stream, "{\"text\":\"still here\"}");
		browser.awaitText("msg", "room {\"text\":\"still here\"}");
		assertThat(browser.lines("msg")).containsExactly("room {\"text\":\"still here\"}");
		assertThat(browser.lines("debug")).noneMatch((line) -> line.startsWith("disconnected"));
	}

	@Test
	void aTurboStreamSourceElementUpdatesThePageFromABroadcast() throws Exception {
		String stream = "gid://railside-test/Greeting/1";
		open("turbo.html", Map.of("signed-stream-name", SignedStreams.sign(stream)));
		browser.awaitText("debug", "source connected");
		assertThat(browser.text("greeting")).isEqualTo("Rendered by the app");
		// What broadcast_replace_to sends: the <turbo-stream> element as a JSON string.
		broadcasts().broadcast(stream, JsonMapper.shared().writeValueAsString("""
				<turbo-stream action="replace" target="greeting"><template>\
				<div id="greeting">Replaced by a broadcast</div></template></turbo-stream>"""));
		browser.awaitText("greeting", "Replaced by a broadcast");
		assertThat(browser.lines("debug")).contains("stream replace greeting");
	}

	@Test
	void missedMessagesArriveOnceAndInOrderAfterAReconnect() throws Exception {
		String stream = "gid://railside-test/Board/7";
		CableBroadcasts broadcasts = broadcasts();
		open("anycable.html", Map.of());
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
		// The page asks for what was published since it loaded, in whole seconds: a
		// second
		// that began before Railside started could have had messages it never saw.
		long next = Instant.now().getEpochSecond() + 1;
		await().atMost(Duration.ofSeconds(3)).until(() -> Instant.now().getEpochSecond() >= next);
		open("anycable-readme.html",
				Map.of("signed-stream", SignedStreams.sign(stream), "readme-example", example.group(1)));
		// Published before the subscription may be in place: the extended protocol asks
		// for what was published since the page loaded.
		broadcasts().broadcast(stream, "{\"text\":\"hello\"}");
		browser.awaitText("msg", "{\"text\":\"hello\"}");
	}

	private void open(String page, Map<String, String> values) throws IOException {
		Map<String, String> all = new HashMap<>(values);
		all.put("cable-url", "ws://localhost:" + this.httpPort + "/cable");
		this.app = RailsStandIn.serving(page, all, nodeModules);
		browser.open(this.app.url());
		browser.awaitText("debug", "module loaded");
	}

	private CableBroadcasts broadcasts() {
		return new CableBroadcasts(this.httpPort, BROADCAST_KEY);
	}

	/**
	 * Change the last hex digit of a signed name's signature, as a visitor editing the
	 * page would to follow someone else's stream.
	 */
	private static String tamper(String signed) {
		char last = signed.charAt(signed.length() - 1);
		return signed.substring(0, signed.length() - 1) + ((last == '0') ? '1' : '0');
	}

}
