package io.railside.server;

import io.railside.TestTls;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.railside.RailsideApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Serves the PEM files the user names, and picks up new ones written over them without a
 * restart, a certificate only together with its own key.
 * <p>
 * The application is started here with the files as arguments, as a user would:
 * {@code @DynamicPropertySource} properties arrive after environment post-processing, too
 * late for {@link TlsEnvironmentPostProcessor}.
 */
@Timeout(60)
class TlsFilesIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void servesTheGivenCertificateThenANewOneWrittenOverItWithoutARestart() throws Exception {
		LocalhostCertificate given = LocalhostCertificate.generate("railside given");
		given.writeTo(certificateFile(), privateKeyFile());
		try (ConfigurableApplicationContext context = start()) {
			int httpsPort = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			assertThat(servedCertificate(httpsPort, given)).isEqualTo(given.certificate());
			LocalhostCertificate renewed = LocalhostCertificate.generate("railside renewed");
			renewed.writeTo(certificateFile(), privateKeyFile());
			await().atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptionsInstanceOf(IOException.class)
				.untilAsserted(() -> assertThat(servedCertificate(httpsPort, given, renewed))
					.isEqualTo(renewed.certificate()));
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aNewCertificateIsServedOnlyOnceItsOwnKeyIsWrittenToo(CapturedOutput output) throws Exception {
		LocalhostCertificate given = LocalhostCertificate.generate("railside given");
		given.writeTo(certificateFile(), privateKeyFile());
		try (ConfigurableApplicationContext context = start()) {
			int httpsPort = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			LocalhostCertificate renewed = LocalhostCertificate.generate("railside renewed");
			renewed.writeCertificateTo(certificateFile());
			await().atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> output.getOut().contains("SSL bundle 'railside' not reloaded"));
			assertThat(output.getOut()).containsOnlyOnce("SSL bundle 'railside' not reloaded")
				.contains("SSL bundle 'railside' not reloaded from certificate " + certificateFile().toUri()
						+ " and private key " + privateKeyFile().toUri()
						+ ": the private key does not belong to the certificate; the previous certificate and key"
						+ " stay in use.")
				.doesNotContain(keyText(given), keyText(renewed));
			assertThat(servedCertificate(httpsPort, given, renewed)).isEqualTo(given.certificate());
			renewed.writePrivateKeyTo(privateKeyFile());
			await().atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptionsInstanceOf(IOException.class)
				.untilAsserted(() -> assertThat(servedCertificate(httpsPort, given, renewed))
					.isEqualTo(renewed.certificate()));
			assertThat(output.getOut()).contains("SSL bundle 'railside' reloaded from certificate");
		}
	}

	/**
	 * The base64 of a private key, as it would appear in a log line.
	 */
	private static String keyText(LocalhostCertificate certificate) {
		return Base64.getEncoder().encodeToString(certificate.privateKey().getEncoded()).substring(0, 40);
	}

	private ConfigurableApplicationContext start() {
		return SpringApplication.run(RailsideApplication.class, "--server.port=0", "--railside.http.port=0",
				"--railside.tls.certificate=" + certificateFile(), "--railside.tls.private-key=" + privateKeyFile(),
				"--spring.ssl.bundle.watch.file.quiet-period=200ms");
	}

	/**
	 * Make a new handshake, with a new context so that no TLS session is resumed,
	 * checking the host name as browsers do.
	 */
	private static X509Certificate servedCertificate(int port, LocalhostCertificate... trusted) throws Exception {
		X509Certificate[] certificates = new X509Certificate[trusted.length];
		for (int i = 0; i < trusted.length; i++) {
			certificates[i] = trusted[i].certificate();
		}
		try (SSLSocket socket = (SSLSocket) TestTls.trusting(certificates)
			.getSocketFactory()
			.createSocket("localhost", port)) {
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			socket.setSSLParameters(parameters);
			socket.setSoTimeout(5000);
			socket.startHandshake();
			return (X509Certificate) socket.getSession().getPeerCertificates()[0];
		}
	}

	private Path certificateFile() {
		return this.directory.resolve("certificate.pem");
	}

	private Path privateKeyFile() {
		return this.directory.resolve("private-key.pem");
	}

}
