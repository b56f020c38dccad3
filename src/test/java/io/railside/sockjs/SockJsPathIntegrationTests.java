package io.railside.sockjs;

import java.net.http.HttpResponse;

import io.railside.limits.Bystander;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SockJS server and session ids come from the client and end up in log lines (Spring's
 * and Railside's "Closing STOMP session ..."): requests whose ids carry line breaks,
 * terminal escapes or kilobytes get 404 before Spring sees them, and nothing of them is
 * logged; the ids SockJS clients send pass.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "railside.http.port=0")
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class SockJsPathIntegrationTests {

	private static final String BAD_FRAME = "NOT-STOMP\n\n\0";

	@Value("${local.http.port}")
	private int httpPort;

	private SockJsHttp sockJs;

	private Bystander bystander;

	@BeforeEach
	void connectBystander() {
		this.sockJs = new SockJsHttp(this.httpPort);
		this.bystander = Bystander.connect("ws://localhost:" + this.httpPort + "/stomp");
	}

	@AfterEach
	void closeBystander() {
		this.bystander.close();
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "a%1b%5b31mINJECTED%1b%5b0m", "a%0d%0aINJECTED", "a%0aINJECTED", "INJECTED.x", "INJECTED%20x" })
	void refusesASessionIdUnsafeToLogWith404(String sessionId, CapturedOutput output) {
		assertNotFound(this.sockJs.open(sessionId));
		assertNotFound(this.sockJs.send(sessionId, BAD_FRAME));
		assertThat(output.getAll()).doesNotContain("INJECTED", "\u001b");
		this.bystander.assertStillReceives();
	}

	@Test
	void refusesKilobytesOfIdWith404(CapturedOutput output) {
		String id = "x".repeat(4096);
		assertNotFound(this.sockJs.open(id));
		assertNotFound(this.sockJs.send(id, BAD_FRAME));
		assertNotFound(this.sockJs.post("/" + id + "/abc/xhr", ""));
		assertThat(output.getAll()).doesNotContain("x".repeat(65));
		this.bystander.assertStillReceives();
	}

	@Test
	void leavesAMegabyteIdToTomcatWhichRefusesItsHeadWith400(CapturedOutput output) {
		assertThat(this.sockJs.open("x".repeat(1024 * 1024)).statusCode()).isEqualTo(400);
		assertThat(output.getAll()).doesNotContain("x".repeat(65));
		this.bystander.assertStillReceives();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/0%0a0/abc/xhr", "/000/abc/jsonp", "/000/abc/xhr/more", "/000/abc" })
	void refusesOtherPathsWith404(String path) {
		assertNotFound(this.sockJs.post(path, ""));
	}

	@Test
	void passesTheIdsSockJsClientsSend(CapturedOutput output) {
		assertThat(this.sockJs.open("k3mz0a5q").body()).as("sockjs-client").startsWith("o");
		assertThat(this.sockJs.open("0f8e6a2c4b1d49e3a5c7b9d1f3e5a7c9").body()).as("Spring's SockJsClient")
			.startsWith("o");
		assertThat(this.sockJs.send("k3mz0a5q", BAD_FRAME).statusCode()).isEqualTo(204);
		assertThat(output.getAll()).as("a refusal logged with a safe id").contains("Closing STOMP session k3mz0a5q");
		this.bystander.assertStillReceives();
	}

	private static void assertNotFound(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).startsWith("sockjs.bad_path: ").endsWith(".\n");
	}

}
