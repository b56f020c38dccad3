package io.railside.server;

import io.railside.RailsideApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At start-up the user is told which URLs to open, with the ports actually bound, and how
 * to recognise the development certificate.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class StartupMessageTests {

	@Test
	void printsTheUrlsToOpenAndTheCertificateFingerprint(CapturedOutput output) {
		try (ConfigurableApplicationContext context = SpringApplication.run(RailsideApplication.class,
				"--railside.http.port=0", "--server.port=0")) {
			String httpPort = context.getEnvironment().getProperty("local.http.port");
			String httpsPort = context.getEnvironment().getProperty("local.server.port");
			assertThat(output).contains("http://localhost:" + httpPort + "/")
				.contains("https://localhost:" + httpsPort + "/")
				.containsPattern("SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}");
		}
	}

}
