package io.railside.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.railside.TestTls;
import io.railside.server.LocalhostCertificate;
import io.railside.system.RawClientHello.ServerAnswer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What the HTTPS connector negotiates, against Railside in JVMs of its own: JSSE reads
 * its renegotiation setting once per JVM, and both JVMs here have TLS 1.0 and 1.1
 * switched back on in their {@code java.security}, so that only Railside's own settings
 * stand between an old client and the connector. One serves a user's PEM files with an
 * RSA key; the other its generated development certificate (an EC key), with the deployer
 * allowing renegotiation, which shows that these clients really renegotiate.
 */
@Timeout(240)
class TlsConnectorIntegrationTests {

	/** The JDK's defaults less TLSv1 and TLSv1.1. */
	private static final String LEGACY_PROTOCOLS_ALLOWED = "jdk.tls.disabledAlgorithms=SSLv3, DTLSv1.0, RC4, DES,"
			+ " MD5withRSA, DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL, ECDH\n";

	private static final Pattern FINGERPRINT = Pattern.compile("SHA-256 fingerprint ([0-9A-F:]+)");

	@TempDir
	static Path directory;

	private static Server givenFiles;

	private static Server developmentCertificate;

	@BeforeAll
	static void startRailside() throws Exception {
		Path securityProperties = Files.writeString(directory.resolve("java.security"), LEGACY_PROTOCOLS_ALLOWED);
		String legacyProtocols = "-Djava.security.properties=" + securityProperties;
		LocalhostCertificate rsa = LocalhostCertificate.generateRsa("railside rsa");
		Path certificate = directory.resolve("certificate.pem");
		Path privateKey = directory.resolve("private-key.pem");
		rsa.writeTo(certificate, privateKey);
		RailsideProcess files = RailsideProcess.start("tls-files", List.of(legacyProtocols),
				"--railside.tls.certificate=" + certificate, "--railside.tls.private-key=" + privateKey);
		RailsideProcess generated = RailsideProcess.start("tls-generated",
				List.of(legacyProtocols, "-Djdk.tls.rejectClientInitiatedRenegotiation=false"));
		givenFiles = new Server(files.awaitReady(), TestTls.trusting(rsa.certificate()), "RSA");
		developmentCertificate = new Server(generated.awaitReady(), trustingLoggedFingerprint(generated), "ECDSA");
	}

	@AfterAll
	static void stopRailside() throws InterruptedException {
		for (Server server : new Server[] { givenFiles, developmentCertificate }) {
			if (server != null) {
				server.process().close();
			}
		}
	}

	static Stream<Named<Server>> servers() {
		return Stream.of(Named.of("given PEM files (RSA)", givenFiles),
				Named.of("development certificate (EC)", developmentCertificate));
	}

	@ParameterizedTest
	@MethodSource("servers")
	void refusesTls10AndTls11WithAProtocolVersionAlert(Server server) throws IOException {
		assertThat(RawClientHello.offer(server.port(), RawClientHello.TLS_1_0))
			.isEqualTo(new ServerAnswer(-1, RawClientHello.PROTOCOL_VERSION_ALERT));
		assertThat(RawClientHello.offer(server.port(), RawClientHello.TLS_1_1))
			.isEqualTo(new ServerAnswer(-1, RawClientHello.PROTOCOL_VERSION_ALERT));
		assertThat(RawClientHello.offer(server.port(), RawClientHello.TLS_1_2)).as("the same hello offering TLS 1.2")
			.isEqualTo(new ServerAnswer(RawClientHello.TLS_1_2, -1));
	}

	@ParameterizedTest
	@MethodSource("servers")
	void negotiatesTls13AndTls12WithForwardSecrecyAndAead(Server server) throws IOException {
		for (String suite : List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
				"TLS_CHACHA20_POLY1305_SHA256")) {
			assertThat(server.handshake("TLSv1.3", suite).getCipherSuite()).isEqualTo(suite);
		}
		for (String suite : List.of("AES_128_GCM_SHA256", "AES_256_GCM_SHA384", "CHACHA20_POLY1305_SHA256")) {
			String tls12Suite = "TLS_ECDHE_" + server.keyType() + "_WITH_" + suite;
			SSLSession session = server.handshake("TLSv1.2", tls12Suite);
			assertThat(session.getProtocol()).isEqualTo("TLSv1.2");
			assertThat(session.getCipherSuite()).isEqualTo(tls12Suite);
		}
	}

	@ParameterizedTest
	@MethodSource("servers")
	void refusesTls12SuitesWithoutForwardSecrecyOrWithCbc(Server server) {
		String keyType = server.keyType();
		List<String> weak = List.of("TLS_ECDHE_" + keyType + "_WITH_AES_128_CBC_SHA",
				"TLS_ECDHE_" + keyType + "_WITH_AES_256_CBC_SHA384", "TLS_RSA_WITH_AES_128_GCM_SHA256",
				"TLS_RSA_WITH_AES_128_CBC_SHA");
		for (String suite : weak) {
			assertThat(server.client().getSupportedSSLParameters().getCipherSuites())
				.as("the JDK client can offer %s", suite)
				.contains(suite);
			assertThatExceptionOfType(SSLHandshakeException.class).as(suite)
				.isThrownBy(() -> server.handshake("TLSv1.2", suite));
		}
	}

	@Test
	void refusesRenegotiationStartedByTheClientAndServesTheNextConnection() throws IOException {
		try (SSLSocket socket = givenFiles.socket("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")) {
			socket.startHandshake();
			socket.startHandshake();
			assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(() -> statusLine(socket))
				.withMessageContaining("handshake_failure");
		}
		try (SSLSocket socket = givenFiles.socket("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")) {
			assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 200 ");
		}
	}

	@Test
	void whenTheDeployerAllowsRenegotiationThenTheSameClientRenegotiates() throws IOException {
		AtomicInteger handshakes = new AtomicInteger();
		try (SSLSocket socket = developmentCertificate.socket("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")) {
			socket.addHandshakeCompletedListener((event) -> handshakes.incrementAndGet());
			socket.startHandshake();
			socket.startHandshake();
			assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 200 ");
		}
		// The JDK tells listeners on a thread of its own.
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(handshakes).hasValue(2));
	}

	private static String statusLine(SSLSocket socket) throws IOException {
		socket.getOutputStream()
			.write("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
	}

	/**
	 * Trust exactly the development certificate whose fingerprint the process logged.
	 */
	private static SSLContext trustingLoggedFingerprint(RailsideProcess process) throws Exception {
		Matcher matcher = FINGERPRINT.matcher(process.logText());
		assertThat(matcher.find()).as("fingerprint in %s", process.log()).isTrue();
		String fingerprint = matcher.group(1);
		X509TrustManager trust = new X509TrustManager() {

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
				try {
					byte[] digest = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
					if (!HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest).equals(fingerprint)) {
						throw new CertificateException("Not the logged certificate");
					}
				}
				catch (GeneralSecurityException ex) {
					throw new CertificateException(ex);
				}
			}

			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) {
				throw new UnsupportedOperationException();
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}

		};
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, new TrustManager[] { trust }, null);
		return context;
	}

	/**
	 * A Railside process and a client context that trusts its certificate.
	 *
	 * @param process the process
	 * @param client the client's TLS context
	 * @param keyType the key type in TLS 1.2 suite names: {@code RSA} or {@code ECDSA}
	 */
	record Server(RailsideProcess process, SSLContext client, String keyType) {

		int port() {
			return this.process.httpsPort();
		}

		SSLSocket socket(String protocol, String suite) throws IOException {
			SSLSocket socket = (SSLSocket) this.client.getSocketFactory().createSocket("localhost", port());
			socket.setSoTimeout(5000);
			socket.setEnabledProtocols(new String[] { protocol });
			socket.setEnabledCipherSuites(new String[] { suite });
			return socket;
		}

		SSLSession handshake(String protocol, String suite) throws IOException {
			try (SSLSocket socket = socket(protocol, suite)) {
				socket.startHandshake();
				return socket.getSession();
			}
		}

	}

}
