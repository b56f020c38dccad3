package io.railside.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;

import io.railside.TestTls;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Strict-Transport-Security} applies to every port of a host name, so a browser
 * that saw it on 8443 would turn {@code ws://host:8080} into {@code wss://host:8080} and
 * fail: Railside sends it only when the deployer sets {@code railside.tls.hsts}.
 */
@Timeout(60)
class StrictTransportSecurityIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final List<String> PATHS = List.of("/", "/actuator/health");

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "railside.http.port=0")
	class ByDefault extends Requests {

		@Test
		void noResponseCarriesTheHeaderOverTlsNorBehindAProxyEndingTls() throws Exception {
			for (String path : PATHS) {
				HttpResponse<String> overTls = overTls(path);
				assertThat(overTls.statusCode()).as(path).isEqualTo(200);
				assertThat(overTls.headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
				HttpResponse<String> forwarded = forwardedAsHttps(path);
				assertThat(forwarded.statusCode()).as(path).isEqualTo(200);
				assertThat(forwarded.headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
			}
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "railside.http.port=0", "railside.tls.hsts=365d" })
	class WhenTheDeployerTurnsItOn extends Requests {

		@Test
		void responsesOverTlsCarryItWithoutSubdomains() throws Exception {
			for (String path : PATHS) {
				assertThat(overTls(path).headers().firstValue("Strict-Transport-Security")).as(path)
					.hasValue("max-age=31536000");
				assertThat(forwardedAsHttps(path).headers().firstValue("Strict-Transport-Security")).as(path)
					.hasValue("max-age=31536000");
			}
		}

		@Test
		void plainHttpResponsesDoNotCarryIt() throws Exception {
			for (String path : PATHS) {
				HttpResponse<String> response = send(HttpRequest.newBuilder(plain(path)));
				assertThat(response.headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
			}
		}

	}

	/**
	 * Requests over TLS to 8443, and to 8080 as HAProxy forwards a request it took over
	 * TLS.
	 */
	abstract static class Requests {

		@LocalServerPort
		private int httpsPort;

		@Value("${local.http.port}")
		private int httpPort;

		@Autowired
		private SslBundles sslBundles;

		HttpResponse<String> overTls(String path) throws Exception {
			HttpClient client = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(TIMEOUT)
				.sslContext(TestTls.trustingServer(this.sslBundles))
				.build();
			return client.send(request(URI.create("https://localhost:" + this.httpsPort + path)).build(),
					BodyHandlers.ofString());
		}

		HttpResponse<String> forwardedAsHttps(String path) throws Exception {
			return send(request(plain(path)).header("X-Forwarded-Proto", "https").header("X-Forwarded-Port", "443"));
		}

		URI plain(String path) {
			return URI.create("http://localhost:" + this.httpPort + path);
		}

		HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
			HttpClient client = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(TIMEOUT)
				.build();
			return client.send(request.timeout(TIMEOUT).build(), BodyHandlers.ofString());
		}

		private static HttpRequest.Builder request(URI uri) {
			return HttpRequest.newBuilder(uri).timeout(TIMEOUT);
		}

	}

}
