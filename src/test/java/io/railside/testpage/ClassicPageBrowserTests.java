package io.railside.testpage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.webjars.WebJarVersionLocator;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Opens the hosting guide's classic echo page as a local file (so its Origin is
 * {@code null}) to show that the page people already have keeps working against the
 * WebSocket on the root path.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "railside.http.port=0")
@Timeout(60)
class ClassicPageBrowserTests {

	@Value("${local.http.port}")
	private int httpPort;

	@TempDir
	private Path directory;

	@Test
	void classicPageOpenedFromAFileConnectsAndReceivesTheEcho() throws IOException {
		Path page = writeClassicPage("ws://127.0.0.1:" + this.httpPort + "/");
		try (Browser browser = Browser.start()) {
			browser.open(page.toUri().toString());
			browser.awaitText("debug", "connected...");
			// The guide's page appends the literal text "evt.data" for each message.
			browser.awaitText("msg", "evt.data");
		}
	}

	private Path writeClassicPage(String socketUrl) throws IOException {
		String html = new ClassPathResource("testpage/classic.html").getContentAsString(StandardCharsets.UTF_8);
		Path page = this.directory.resolve("classic.html");
		Files.writeString(page, html.replace("ws://your address", socketUrl));
		String jquery = new WebJarVersionLocator().fullPath("jquery", "jquery.min.js");
		try (InputStream script = new ClassPathResource(jquery).getInputStream()) {
			Files.copy(script, this.directory.resolve("jquery.min.js"));
		}
		return page;
	}

}
