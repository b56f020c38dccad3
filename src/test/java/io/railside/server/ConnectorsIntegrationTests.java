package io.railside.server;

import io.railside.TestTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;

import io.railside.echo.EchoSocket;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Checks that the plain connector and Boot's TLS connector both serve the echo and the
 * page, on ports of their own, with the TLS side verified against the server's
 * certificate and host name.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "railside.http.port=0")
@Timeout(30)
class ConnectorsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	private int httpsPort;

	@Value("${local.http.port}")
	private int httpPort;

	@Autowired
	private SslBundles sslBundles;

	@Autowired
	private ServletWebServerApplicationContext context;

	private HttpClient plainClient;

	private HttpClient tlsClient;

	@BeforeEach
	void createClients() throws Exception {
		this.plainClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
		this.tlsClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(TIMEOUT)
			.sslContext(TestTls.trusting(serverCertificate()))
			.build();
	}

	@Test
	void bothConnectorsTakeBootsTomcatSettingsAndSmallSocketBuffers() {
		Connector[] connectors = ((TomcatWebServer) this.context.getWebServer()).getTomcat()
			.getService()
			.findConnectors();
		assertThat(connectors).hasSize(2).allSatisfy((connector) -> {
			assertThat(connector.getProperty("maxConnections")).isEqualTo(12000);
			assertThat(connector.getProperty("acceptCount")).isEqualTo(1024);
			assertThat(connector.getProperty("socket.appReadBufSize")).hasToString("1024");
			assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("1024");
		});
		assertThat(connectors).extracting(Connector::getScheme).containsExactlyInAnyOrder("http", "https");
	}

	@Test
	void plainAndTlsConnectorsHaveTheirOwnPorts() {
		assertThat(this.httpPort).isPositive().isNotEqualTo(this.httpsPort);
		assertThat(this.httpsPort).isPositive();
	}

	@Test
	void echoesOverWs() throws Exception {
		try (EchoSocket socket = EchoSocket.open(this.plainClient.newWebSocketBuilder(),
				URI.create("ws://localhost:" + this.httpPort + "/echo"))) {
			assertThat(socket.echo("round trip")).isEqualTo("round trip");
		}
	}

	@Test
	void echoesOverWss() throws Exception {
		try (EchoSocket socket = EchoSocket.open(this.tlsClient.newWebSocketBuilder(),
				URI.create("wss://localhost:" + this.httpsPort + "/echo"))) {
			assertThat(socket.echo("round trip")).isEqualTo("round trip");
		}
	}

	@Test
	void servesThePageOverHttp() throws Exception {
		HttpResponse<String> response = get(this.plainClient, "http://localhost:" + this.httpPort + "/");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("ws://localhost:" + this.httpPort + "/echo");
	}

	@Test
	void servesThePageOverHttps() throws Exception {
		HttpResponse<String> response = get(this.tlsClient, "https://localhost:" + this.httpsPort + "/");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("wss://localhost:" + this.httpsPort + "/echo");
	}

	@Test
	void tlsPortRefusesPlainHttp() throws Exception {
		HttpResponse<String> response = get(this.plainClient, "http://localhost:" + this.httpsPort + "/");
		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void certificateDoesNotPassForANameItDoesNotCover() {
		// 127.0.0.2 reaches the same server on Linux, but the certificate names only
		// localhost, 127.0.0.1 and ::1: proof that the client really checks the name.
		assumeThat(reachable("127.0.0.2")).as("127.0.0.2 reaches this server").isTrue();
		assertThatExceptionOfType(SSLHandshakeException.class)
			.isThrownBy(() -> get(this.tlsClient, "https://127.0.0.2:" + this.httpsPort + "/"));
	}

	private Certificate serverCertificate() throws Exception {
		KeyStore keyStore = this.sslBundles.getBundle("railside").getStores().getKeyStore();
		assertThat(keyStore).isNotNull();
		return keyStore.getCertificate(keyStore.aliases().nextElement());
	}

	private boolean reachable(String host) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, this.httpsPort), (int) TIMEOUT.toMillis());
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static HttpResponse<String> get(HttpClient client, String uri) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).build(), BodyHandlers.ofString());
	}

}
