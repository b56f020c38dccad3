package io.railside.stream;

import java.util.ArrayList;
import java.util.List;

import io.railside.cable.CableBroadcasts;
import io.railside.cable.CableTestClient;
import io.railside.cable.SignedStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Action Cable in stream mode: a broadcast made through one instance reaches the cable
 * clients of every instance with the same position, and an AnyCable client that
 * reconnects to another instance gets what it missed.
 */
@EnabledIfEnvironmentVariable(named = StreamInstance.HOST_VARIABLE, matches = ".+")
@Timeout(120)
class CableStreamIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String STREAM = StreamInstance.newStream();

	private static StreamInstance a;

	private static StreamInstance b;

	@BeforeAll
	static void start() {
		a = StreamInstance.start(STREAM, CableBroadcasts.SECRET_SETTING);
		b = StreamInstance.start(STREAM, CableBroadcasts.SECRET_SETTING);
		a.awaitReadiness(200);
		b.awaitReadiness(200);
	}

	@AfterAll
	static void stop() throws Exception {
		if (a != null) {
			a.close();
		}
		if (b != null) {
			b.close();
		}
		StreamInstance.deleteStream(STREAM);
	}

	private static CableTestClient extended(StreamInstance instance) {
		CableTestClient client = CableTestClient.open(instance.url("/cable"), "actioncable-v1-ext-json");
		client.awaitType("welcome");
		return client;
	}

	private static String identifier(String stream) {
		return CableTestClient.identifier("$pubsub", "signed_stream_name", SignedStreams.sign(stream));
	}

	@Test
	void broadcastThroughOneInstanceReachesCableClientsOfBothWithOnePosition() throws Exception {
		String identifier = identifier("gid://app/Room/9:messages");
		try (CableTestClient onA = extended(a); CableTestClient onB = extended(b)) {
			onA.subscribe(identifier);
			onA.awaitType("confirm_subscription");
			onB.subscribe(identifier);
			onB.awaitType("confirm_subscription");
			new CableBroadcasts(a.httpPort()).broadcast("gid://app/Room/9:messages", "{\"n\":1}");
			JsonNode fromA = onA.awaitFrame();
			JsonNode fromB = onB.awaitFrame();
			assertThat(fromB.path("message").path("n").asInt()).isEqualTo(1);
			assertThat(fromB.path("epoch").asString()).isEqualTo(fromA.path("epoch").asString());
			assertThat(fromB.path("offset").asLong()).isEqualTo(fromA.path("offset").asLong());
		}
	}

	@Test
	void clientThatReconnectsToTheOtherInstanceGetsWhatItMissed() throws Exception {
		String identifier = identifier("resume_room");
		CableBroadcasts throughA = new CableBroadcasts(a.httpPort());
		JsonNode last;
		try (CableTestClient onA = extended(a)) {
			onA.subscribe(identifier);
			onA.awaitType("confirm_subscription");
			throughA.broadcast("resume_room", "1");
			last = onA.awaitFrame();
		}
		throughA.broadcast("resume_room", "2");
		throughA.broadcast("resume_room", "3");
		try (CableTestClient onB = extended(b)) {
			ObjectNode command = json.createObjectNode().put("command", "subscribe").put("identifier", identifier);
			command.putObject("history")
				.putObject("streams")
				.putObject("resume_room")
				.put("epoch", last.path("epoch").asString())
				.put("offset", last.path("offset").asLong());
			onB.send(command.toString());
			onB.awaitType("confirm_subscription");
			List<Integer> received = new ArrayList<>();
			JsonNode frame;
			while (!"confirm_history".equals((frame = onB.awaitFrame()).path("type").asString(null))) {
				received.add(frame.path("message").asInt());
			}
			assertThat(received).containsExactly(2, 3);
		}
	}

}
