package io.railside.cable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.railside.security.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * AnyCable's extended protocol ({@code actioncable-v1-ext-json}): deliveries carry their
 * stream, epoch and offset, and a subscribe that brings positions or a time gets what it
 * missed, in order, before {@code confirm_history}, or {@code reject_history}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", CableBroadcasts.SECRET_SETTING, "railside.history.size=5" })
@Timeout(60)
class CableExtendedProtocolIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Value("${local.http.port}")
	private int port;

	private CableBroadcasts broadcasts;

	@BeforeEach
	void broadcaster() {
		this.broadcasts = new CableBroadcasts(this.port);
	}

	private CableTestClient extended() {
		CableTestClient client = CableTestClient.open("ws://localhost:" + this.port + "/cable",
				"actioncable-v1-ext-json");
		assertThat(client.subprotocol()).isEqualTo("actioncable-v1-ext-json");
		client.awaitType("welcome");
		return client;
	}

	private static String identifier(String stream) {
		return CableTestClient.identifier("$pubsub", "signed_stream_name",
				SignedStreams.sign(CableBroadcasts.SECRET, stream));
	}

	private static String subscribe(String identifier, ObjectNode history) {
		ObjectNode command = json.createObjectNode().put("command", "subscribe").put("identifier", identifier);
		command.set("history", history);
		return command.toString();
	}

	private static ObjectNode fromPosition(String stream, String epoch, long offset) {
		ObjectNode history = json.createObjectNode().put("since", Instant.now().getEpochSecond());
		history.putObject("streams").putObject(stream).put("epoch", epoch).put("offset", offset);
		return history;
	}

	@Test
	void deliveriesCarryStreamEpochAndOffset() throws Exception {
		String identifier = identifier("ext_positions");
		try (CableTestClient client = extended()) {
			client.subscribe(identifier);
			client.awaitType("confirm_subscription");
			this.broadcasts.broadcast("ext_positions", "{\"n\":1}");
			this.broadcasts.broadcast("ext_positions", "{\"n\":2}");
			JsonNode first = client.awaitFrame();
			JsonNode second = client.awaitFrame();
			assertThat(first.path("stream_id").asString()).isEqualTo("ext_positions");
			assertThat(first.path("epoch").asString()).isNotEmpty().isEqualTo(second.path("epoch").asString());
			assertThat(second.path("offset").asLong()).isGreaterThan(first.path("offset").asLong());
		}
	}

	@Test
	void resubscribeWithPositionGetsTheMissedMessagesThenConfirmHistory() throws Exception {
		String identifier = identifier("ext_resume");
		JsonNode last;
		try (CableTestClient client = extended()) {
			client.subscribe(identifier);
			client.awaitType("confirm_subscription");
			this.broadcasts.broadcast("ext_resume", "1");
			last = client.awaitFrame();
		}
		for (int i = 2; i <= 4; i++) {
			this.broadcasts.broadcast("ext_resume", Integer.toString(i));
		}
		try (CableTestClient client = extended()) {
			client.send(subscribe(identifier,
					fromPosition("ext_resume", last.path("epoch").asString(), last.path("offset").asLong())));
			client.awaitType("confirm_subscription");
			List<Integer> missed = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				missed.add(client.awaitFrame().path("message").asInt());
			}
			assertThat(missed).containsExactly(2, 3, 4);
			assertThat(client.awaitType("confirm_history").path("identifier").asString()).isEqualTo(identifier);
			this.broadcasts.broadcast("ext_resume", "5");
			assertThat(client.awaitFrame().path("message").asInt()).isEqualTo(5);
		}
	}

	@Test
	void firstSubscribeWithSinceGetsWhatWasPublishedSinceThen() throws Exception {
		// A time before Railside started could have had messages it never saw: wait for a
		// second that began after it did.
		long since = Instant.now().getEpochSecond() + 1;
		await().atMost(Duration.ofSeconds(3)).until(() -> Instant.now().getEpochSecond() >= since);
		this.broadcasts.broadcast("ext_since", "\"rendered-after\"");
		String identifier = identifier("ext_since");
		try (CableTestClient client = extended()) {
			client.send(subscribe(identifier, json.createObjectNode().put("since", since)));
			client.awaitType("confirm_subscription");
			JsonNode replayed = client.awaitFrame();
			assertThat(replayed.path("message").asString()).as(replayed.toString()).isEqualTo("rendered-after");
			client.awaitType("confirm_history");
		}
	}

	@Test
	void positionFromAnotherEpochOrTooOldIsRejectedButTheSubscriptionStands() throws Exception {
		String identifier = identifier("ext_lost");
		try (CableTestClient client = extended()) {
			client.send(subscribe(identifier, fromPosition("ext_lost", "0000000000000000", 1)));
			client.awaitType("confirm_subscription");
			client.awaitType("reject_history");
			this.broadcasts.broadcast("ext_lost", "7");
			assertThat(client.awaitFrame().path("message").asInt()).isEqualTo(7);
		}
		try (CableTestClient client = extended()) {
			client.send(subscribe(identifier("ext_old"), json.createObjectNode().put("since", 1)));
			client.awaitType("confirm_subscription");
			client.awaitType("reject_history");
		}
	}

	@Test
	void plainProtocolHasNoPositionsAndIgnoresHistoryRequests() throws Exception {
		String identifier = identifier("plain_history");
		try (CableTestClient client = CableTestClient.welcomed("ws://localhost:" + this.port + "/cable")) {
			client.send(subscribe(identifier, json.createObjectNode().put("since", 1)));
			client.awaitType("confirm_subscription");
			this.broadcasts.broadcast("plain_history", "1");
			JsonNode delivery = client.awaitFrame();
			assertThat(delivery.path("message").asInt()).isEqualTo(1);
			assertThat(delivery.has("offset")).isFalse();
		}
	}

	@Test
	void pongsAndHistoryCommandsDoNotEndTheSession() throws Exception {
		String identifier = identifier("ext_commands");
		try (CableTestClient client = extended()) {
			client.subscribe(identifier);
			client.awaitType("confirm_subscription");
			client.send("{\"command\":\"pong\"}");
			client.command("history", identifier);
			client.awaitType("reject_history");
			this.broadcasts.broadcast("ext_commands", "1");
			assertThat(client.awaitFrame().path("message").asInt()).isEqualTo(1);
		}
	}

}
