package io.railside.testpage;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the test page in headless Chromium against the running server, over each
 * transport and over both connectors.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "railside.http.port=0")
@Timeout(60)
class TestPageBrowserTests {

	private static Browser browser;

	@Value("${local.http.port}")
	private int httpPort;

	@LocalServerPort
	private int httpsPort;

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

	@Test
	void rawModeConnectsOnOpenAndShowsTheEchoOfHelloServer() {
		browser.open("http://localhost:" + this.httpPort + "/");
		assertThat(browser.value("url")).isEqualTo("ws://localhost:" + this.httpPort + "/echo");
		browser.awaitText("debug", "connected...");
		browser.awaitText("msg", "hello server");
	}

	@Test
	void stompModeShowsASentMessageWithItsDestination() {
		browser.open("http://localhost:" + this.httpPort + "/");
		useTransport("stomp", "ws://localhost:" + this.httpPort + "/stomp");
		browser.awaitText("debug", "connected... STOMP 1.2 over WebSocket");
		assertRoundTrip("stomp");
	}

	@Test
	void sockJsModeShowsASentMessageWithItsDestination() {
		browser.open("http://localhost:" + this.httpPort + "/");
		useTransport("sockjs", "http://localhost:" + this.httpPort + "/sockjs");
		browser.awaitText("debug", "connected... STOMP 1.2 over SockJS");
		assertRoundTrip("sockjs");
	}

	@Test
	void httpsPageUsesWssForTheStompRoundTrip() {
		browser.open("https://localhost:" + this.httpsPort + "/");
		assertThat(browser.value("url")).startsWith("wss://");
		useTransport("stomp", "wss://localhost:" + this.httpsPort + "/stomp");
		browser.awaitText("debug", "connected... STOMP 1.2 over WebSocket");
		assertRoundTrip("wss");
	}

	@Test
	void stompErrorFrameShowsItsCodeAndBodyAndTheCloseCode() {
		browser.open("http://localhost:" + this.httpPort + "/");
		useTransport("stomp", "ws://localhost:" + this.httpPort + "/stomp");
		browser.awaitText("debug", "connected... STOMP 1.2 over WebSocket");
		browser.type("destination", "/topic/not a name!");
		browser.click("subscribe");
		browser.awaitText("debug", "error: bad_destination: ");
		browser.awaitText("debug", "socket closed: code 1002");
	}

	private void useTransport(String transport, String expectedUrl) {
		browser.select("transport", transport);
		assertThat(browser.value("url")).isEqualTo(expectedUrl);
		browser.click("connect");
	}

	private void assertRoundTrip(String name) {
		browser.type("destination", "/topic/page.test");
		browser.click("subscribe");
		browser.awaitText("debug", "subscribed to /topic/page.test");
		browser.type("send-destination", "/topic/page.test");
		browser.type("body", "hello over " + name);
		browser.click("send");
		browser.awaitText("msg", "/topic/page.test hello over " + name);
	}

}
