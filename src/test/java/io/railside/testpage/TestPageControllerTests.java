package io.railside.testpage;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the page's policy header, its controls and the endpoint URLs it is prefilled
 * with.
 */
@WebMvcTest(TestPageController.class)
class TestPageControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void pageCarriesTheContentSecurityPolicy() {
		assertThat(this.mvc.get().uri("/")).hasStatusOk()
			.headers()
			.hasValue("Content-Security-Policy",
					"default-src 'self'; script-src 'self'; style-src 'self'; "
							+ "connect-src 'self' ws: wss: http: https:; img-src 'self' data:; "
							+ "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
	}

	@Test
	void pageHasTheControlsAndPanes() {
		assertThat(this.mvc.get().uri("/")).hasStatusOk()
			.hasViewName("index")
			.bodyText()
			.contains("id=\"transport\"", "value=\"raw\"", "value=\"stomp\"", "value=\"sockjs\"", "id=\"url\"",
					"id=\"token\"", "id=\"resume\"", "id=\"connect\"", "id=\"disconnect\"", "id=\"drop\"",
					"id=\"destination\"", "id=\"subscribe\"", "id=\"send-destination\"", "id=\"body\"", "id=\"send\"",
					"id=\"debug\"", "id=\"msg\"", "value=\"/topic/greetings\"");
	}

	@Test
	void pageLoadsScriptsAndStylesOnlyFromRailside() {
		// The resource chain may rewrite the version-less WebJars paths to versioned
		// ones.
		assertThat(this.mvc.get().uri("/")).bodyText()
			.containsPattern("src=\"/webjars/stomp__stompjs/[^\"]*bundles/stomp.umd.min.js\"")
			.containsPattern("src=\"/webjars/sockjs-client/[^\"]*dist/sockjs.min.js\"")
			.contains("src=\"/js/railside.js\"", "href=\"/css/railside.css\"")
			.doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
			.doesNotContain("//cdn", "<style", "style=");
	}

	@Test
	void overHttpThePageOffersWsUrlsOnTheHttpPort() {
		assertThat(this.mvc.get().uri("http://railside.example:8080/")).bodyText()
			.contains("value=\"ws://railside.example:8080/echo\"", "data-url=\"ws://railside.example:8080/echo\"",
					"data-url=\"ws://railside.example:8080/stomp\"",
					"data-url=\"http://railside.example:8080/sockjs\"");
	}

	@Test
	void overHttpsThePageOffersWssUrlsOnTheHttpsPort() {
		assertThat(this.mvc.get().uri("https://railside.example:8443/")).bodyText()
			.contains("value=\"wss://railside.example:8443/echo\"", "data-url=\"wss://railside.example:8443/stomp\"",
					"data-url=\"https://railside.example:8443/sockjs\"");
	}

	@Test
	void onDefaultPortsThePageLeavesThePortOut() {
		assertThat(this.mvc.get().uri("https://railside.example:443/")).bodyText()
			.contains("value=\"wss://railside.example/echo\"", "data-url=\"https://railside.example/sockjs\"");
	}

}
