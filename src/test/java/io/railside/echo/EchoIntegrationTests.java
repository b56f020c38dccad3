package io.railside.echo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round trips through the echo with the JDK WebSocket client over the plain connector, at
 * the default limit of 64 KiB.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "railside.http.port=0")
@Timeout(30)
class EchoIntegrationTests {

	private static final int LIMIT = 64 * 1024;

	private final HttpClient client = HttpClient.newHttpClient();

	@Value("${local.http.port}")
	private int httpPort;

	@Test
	void echoesText() throws Exception {
		try (EchoSocket socket = open("/echo")) {
			assertThat(socket.echo("hello")).isEqualTo("hello");
			assertThat(socket.echo("again")).isEqualTo("again");
		}
	}

	@Test
	void echoesBinaryMessages() throws Exception {
		byte[] bytes = { 0, 1, 2, (byte) 0xff, 0 };
		try (EchoSocket socket = open("/echo")) {
			assertThat(socket.echo(bytes)).isEqualTo(bytes);
		}
	}

	@Test
	void echoesOnAnUpgradeOfTheRootPath() throws Exception {
		try (EchoSocket socket = open("/")) {
			assertThat(socket.echo("at the root")).isEqualTo("at the root");
			assertThat(socket.echo(new byte[] { 42 })).containsExactly(42);
		}
	}

	@Test
	void echoesMultiByteTextThatArrivesInManyParts() throws Exception {
		String text = "é€😀".repeat(7000);
		try (EchoSocket socket = open("/echo")) {
			assertThat(socket.echo(text)).isEqualTo(text);
		}
	}

	@Test
	void joinsAMessageSentInFragments() throws Exception {
		try (EchoSocket socket = open("/echo")) {
			socket.sendText("one, ", false);
			socket.sendText("two, ", false);
			socket.sendText("three", true);
			assertThat(socket.awaitText()).isEqualTo("one, two, three");
		}
	}

	@Test
	void echoesTextOfExactlyTheLimitWhole() throws Exception {
		String text = "x".repeat(LIMIT);
		try (EchoSocket socket = open("/echo")) {
			assertThat(socket.echo(text)).isEqualTo(text);
			assertThat(socket.echo("still open")).isEqualTo("still open");
		}
	}

	@Test
	void echoesBinaryOfExactlyTheLimitWhole() throws Exception {
		byte[] bytes = randomBytes(LIMIT);
		try (EchoSocket socket = open("/echo")) {
			assertThat(Arrays.equals(socket.echo(bytes), bytes)).isTrue();
			assertThat(socket.echo("still open")).isEqualTo("still open");
		}
	}

	@Test
	void textOneByteOverTheLimitClosesThatSocketWith1009AndOthersKeepEchoing() throws Exception {
		try (EchoSocket bystander = open("/echo"); EchoSocket sender = open("/echo")) {
			sender.sendText("x".repeat(LIMIT + 1), true);
			assertThat(sender.awaitCloseCode()).isEqualTo(1009);
			assertThat(sender.hasMessage()).isFalse();
			assertThat(bystander.echo("still here")).isEqualTo("still here");
		}
	}

	@Test
	void binaryOneByteOverTheLimitClosesThatSocketWith1009AndOthersKeepEchoing() throws Exception {
		try (EchoSocket bystander = open("/echo"); EchoSocket sender = open("/echo")) {
			sender.sendBinary(randomBytes(LIMIT + 1), true);
			assertThat(sender.awaitCloseCode()).isEqualTo(1009);
			assertThat(sender.hasMessage()).isFalse();
			assertThat(bystander.echo(new byte[] { 7 })).containsExactly(7);
		}
	}

	@Test
	void aMessageFarOverTheLimitClosesWith1009() throws Exception {
		try (EchoSocket socket = open("/echo")) {
			socket.sendBinary(randomBytes(16 * LIMIT), true);
			assertThat(socket.awaitCloseCode()).isEqualTo(1009);
		}
	}

	@Test
	void fragmentsThatTogetherPassTheLimitCloseWith1009() throws Exception {
		try (EchoSocket socket = open("/echo")) {
			socket.sendText("x".repeat(LIMIT), false);
			socket.sendText("y", true);
			assertThat(socket.awaitCloseCode()).isEqualTo(1009);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example", "null", "http://localhost:1" })
	void acceptsAnyOrigin(String origin) throws Exception {
		try (EchoSocket socket = open("/echo", this.client.newWebSocketBuilder().header("Origin", origin))) {
			assertThat(socket.echo("from " + origin)).isEqualTo("from " + origin);
		}
	}

	private EchoSocket open(String path) throws Exception {
		return open(path, this.client.newWebSocketBuilder());
	}

	private EchoSocket open(String path, WebSocket.Builder builder) throws Exception {
		return EchoSocket.open(builder, URI.create("ws://localhost:" + this.httpPort + path));
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

}
