package io.railside.testpage;

import java.io.IOException;
import java.util.List;

import io.railside.security.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test page against a Railside that requires tokens: a token typed into the page is
 * sent on CONNECT as a Bearer token, and without one the page shows why it was refused.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", TestTokens.SECRET_SETTING, TestTokens.ISSUER_SETTING,
				TestTokens.AUDIENCE_SETTING, TestTokens.CLOCK_SKEW_SETTING })
@Timeout(60)
class TestPageAuthBrowserTests {

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

	@Test
	void stompModeConnectsWithTheTokenTypedIntoThePage() {
		browser.open("http://localhost:" + this.httpPort + "/");
		browser.type("token",
				TestTokens.hs256(TestTokens.claims("page-user")
					.claim("subscribe", List.of("page.**"))
					.claim("publish", List.of("page.**"))));
		connectOverStomp();
		browser.awaitText("debug", "connected... STOMP 1.2 over WebSocket");
		browser.type("destination", "/topic/page.auth");
		browser.click("subscribe");
		browser.awaitText("debug", "subscribed to /topic/page.auth");
		browser.type("send-destination", "/topic/page.auth");
		browser.type("body", "hello with a token");
		browser.click("send");
		browser.awaitText("msg", "/topic/page.auth hello with a token");
	}

	@Test
	void stompModeWithoutATokenShowsAuthMissing() {
		browser.open("http://localhost:" + this.httpPort + "/");
		browser.type("token", "");
		connectOverStomp();
		browser.awaitText("debug", "error: auth.missing: ");
		browser.awaitText("debug", "socket closed: code 1002");
	}

	private void connectOverStomp() {
		browser.select("transport", "stomp");
		assertThat(browser.value("url")).isEqualTo("ws://localhost:" + this.httpPort + "/stomp");
		browser.click("connect");
	}

}
