package io.railside.cable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.railside.security.TestTokens;
import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Action Cable's protocol at {@code /cable}, end to end with a client that writes what
 * Rails' client writes: the welcome and pings, Turbo's and {@code $pubsub}'s signed
 * streams, public streams by claim, broadcasts from {@code POST /_broadcast}, and what
 * each kind of bad input gets while other clients carry on.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", TestTokens.SECRET_SETTING, TestTokens.ISSUER_SETTING,
				TestTokens.AUDIENCE_SETTING, CableBroadcasts.SECRET_SETTING, "railside.cable.ping-interval=1s" })
@Timeout(60)
class CableIntegrationTests {

	@Value("${local.http.port}")
	private int port;

	private CableBroadcasts broadcasts;

	@BeforeEach
	void broadcaster() {
		this.broadcasts = new CableBroadcasts(this.port);
	}

	private String url() {
		return "ws://localhost:" + this.port + "/cable";
	}

	private static String turbo(String stream) {
		return CableTestClient.identifier("Turbo::StreamsChannel", "signed_stream_name",
				SignedStreams.sign(CableBroadcasts.SECRET, stream));
	}

	private CableTestClient subscribed(String identifier) {
		CableTestClient client = CableTestClient.welcomed(url());
		client.subscribe(identifier);
		assertConfirmed(client, identifier);
		return client;
	}

	private static void assertConfirmed(CableTestClient client, String identifier) {
		JsonNode confirm = client.awaitType("confirm_subscription");
		assertThat(confirm.path("identifier").asString()).isEqualTo(identifier);
	}

	@Test
	void welcomesWithRailsSubprotocolAndWithoutAny() {
		try (CableTestClient rails = CableTestClient.open(url())) {
			assertThat(rails.subprotocol()).isEqualTo("actioncable-v1-json");
			rails.awaitType("welcome");
		}
		try (CableTestClient plain = CableTestClient.open(url(), new String[0])) {
			assertThat(plain.subprotocol()).isEmpty();
			plain.awaitType("welcome");
		}
	}

	@Test
	void stompEndpointDoesNotSpeakActionCable() {
		RawStompSocket stomp = RawStompSocket.open(
				java.net.http.HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("actioncable-v1-json"),
				"ws://localhost:" + this.port + "/stomp");
		stomp.send("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0");
		// STOMP answers (this context wants a token), not Action Cable.
		assertThat(stomp.awaitFrame().getMessage()).isEqualTo("auth.missing");
	}

	@Test
	void pingsCarryUnixSeconds() {
		try (CableTestClient client = CableTestClient.welcomed(url())) {
			JsonNode ping = client.poll(Duration.ofSeconds(5));
			assertThat(ping).isNotNull();
			assertThat(ping.path("type").asString()).isEqualTo("ping");
			assertThat(ping.path("message").asLong()).isCloseTo(Instant.now().getEpochSecond(),
					org.assertj.core.data.Offset.offset(5L));
		}
	}

	@Test
	void turboSubscriberReceivesBroadcastsInOrderWithItsIdentifier() throws Exception {
		String identifier = turbo("gid://app/Room/1:messages");
		try (CableTestClient client = subscribed(identifier)) {
			for (int i = 0; i < 30; i++) {
				this.broadcasts.broadcast("gid://app/Room/1:messages",
						"{\"n\":" + i + ",\"html\":\"<p>\\\"hi\\\"</p>\"}");
			}
			for (int i = 0; i < 30; i++) {
				JsonNode delivery = client.awaitFrame();
				assertThat(delivery.path("identifier").asString()).isEqualTo(identifier);
				assertThat(delivery.path("message").path("n").asInt()).isEqualTo(i);
				assertThat(delivery.path("message").path("html").asString()).isEqualTo("<p>\"hi\"</p>");
				assertThat(delivery.has("offset")).as("no positions in actioncable-v1-json").isFalse();
			}
		}
	}

	@Test
	void pubsubSignedStreamIsItsOwnPermissionForAnonymousVisitors() throws Exception {
		String identifier = CableTestClient.identifier("$pubsub", "signed_stream_name",
				SignedStreams.sign(CableBroadcasts.SECRET, "chat_Best Room"));
		try (CableTestClient client = subscribed(identifier)) {
			this.broadcasts.broadcast("chat_Best Room", "\"hello\"");
			assertThat(client.awaitFrame().path("message").asString()).isEqualTo("hello");
		}
	}

	@Test
	void tamperedSignatureIsRejectedAndTheSessionsOtherSubscriptionCarriesOn() throws Exception {
		String good = turbo("orders");
		String signed = SignedStreams.sign(CableBroadcasts.SECRET, "orders");
		String tampered = CableTestClient.identifier("Turbo::StreamsChannel", "signed_stream_name",
				signed.substring(0, signed.length() - 1) + (signed.endsWith("0") ? "1" : "0"));
		String otherSecret = CableTestClient.identifier("Turbo::StreamsChannel", "signed_stream_name",
				SignedStreams.sign("not-the-secret", "orders"));
		try (CableTestClient client = subscribed(good)) {
			for (String bad : List.of(tampered, otherSecret)) {
				client.subscribe(bad);
				JsonNode reject = client.awaitType("reject_subscription");
				assertThat(reject.path("identifier").asString()).isEqualTo(bad);
			}
			this.broadcasts.broadcast("orders", "{\"still\":true}");
			JsonNode delivery = client.awaitFrame();
			assertThat(delivery.path("identifier").asString()).isEqualTo(good);
		}
	}

	@Test
	void otherChannelsAndMalformedIdentifiersAreRejected() {
		try (CableTestClient client = CableTestClient.welcomed(url())) {
			for (String identifier : List.of("{\"channel\":\"ChatChannel\",\"room\":\"1\"}", "not json", "[1,2]",
					"{\"channel\":\"Turbo::StreamsChannel\"}",
					"{\"channel\":\"Turbo::StreamsChannel\",\"signed_stream_name\":\"bm90IHNpZ25lZA==\"}")) {
				client.subscribe(identifier);
				assertThat(client.awaitType("reject_subscription").path("identifier").asString()).isEqualTo(identifier);
			}
			assertThat(client.isClosed()).isFalse();
		}
	}

	@Test
	void publicStreamNeedsAStreamsClaim() throws Exception {
		String chat = CableTestClient.identifier("$pubsub", "stream_name", "chat_lobby");
		try (CableTestClient anonymous = CableTestClient.welcomed(url())) {
			anonymous.subscribe(chat);
			anonymous.awaitType("reject_subscription");
		}
		String token = TestTokens.hs256(TestTokens.claims("ada").claim("streams", List.of("chat_*", "news")));
		try (CableTestClient ada = CableTestClient.welcomed(url() + "?jid=" + token)) {
			ada.subscribe(chat);
			assertConfirmed(ada, chat);
			String other = CableTestClient.identifier("$pubsub", "stream_name", "private_x");
			ada.subscribe(other);
			ada.awaitType("reject_subscription");
			this.broadcasts.broadcast("chat_lobby", "{\"body\":\"hi\"}");
			assertThat(ada.awaitFrame().path("message").path("body").asString()).isEqualTo("hi");
		}
	}

	@Test
	void tokenInAccessTokenParameterIsAcceptedToo() {
		String token = TestTokens.hs256(TestTokens.claims("ada").claim("streams", List.of("news")));
		try (CableTestClient ada = CableTestClient.welcomed(url() + "?access_token=" + token)) {
			String news = CableTestClient.identifier("$pubsub", "stream_name", "news");
			ada.subscribe(news);
			assertConfirmed(ada, news);
		}
	}

	@Test
	void badTokenIsUnauthorizedAndExpiredTokenIsTokenExpired() {
		try (CableTestClient forged = CableTestClient.open(url() + "?jid=not.a.token")) {
			JsonNode disconnect = forged.awaitType("disconnect");
			assertThat(disconnect.path("reason").asString()).isEqualTo("unauthorized");
			assertThat(disconnect.path("reconnect").asBoolean()).isFalse();
			forged.awaitClose();
		}
		String expired = TestTokens.hs256(TestTokens.claims("ada")
			.issueTime(java.util.Date.from(Instant.now().minusSeconds(600)))
			.expirationTime(java.util.Date.from(Instant.now().minusSeconds(300))));
		try (CableTestClient late = CableTestClient.open(url() + "?jid=" + expired)) {
			JsonNode disconnect = late.awaitType("disconnect");
			assertThat(disconnect.path("reason").asString()).isEqualTo("token_expired");
			late.awaitClose();
		}
	}

	@Test
	void aSessionOutlivesItsTokensExpiry() throws Exception {
		Instant expiresAt = Instant.now().plusSeconds(2);
		String token = TestTokens.hs256(TestTokens.claims("ada")
			.issueTime(java.util.Date.from(expiresAt.minusSeconds(60)))
			.expirationTime(java.util.Date.from(expiresAt))
			.claim("streams", List.of("long_lived")));
		String identifier = CableTestClient.identifier("$pubsub", "stream_name", "long_lived");
		try (CableTestClient page = CableTestClient.welcomed(url() + "?jid=" + token)) {
			page.subscribe(identifier);
			assertConfirmed(page, identifier);
			// @rails/actioncable cannot fetch a new token: a page left open must go on.
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> Instant.now().isAfter(expiresAt.plusSeconds(1)));
			this.broadcasts.broadcast("long_lived", "\"still\"");
			assertThat(page.awaitFrame().path("message").asString()).isEqualTo("still");
		}
	}

	@Test
	void unknownCommandsAndNonJsonGetInvalidRequestWhileOthersCarryOn() throws Exception {
		String identifier = turbo("bystander");
		try (CableTestClient bystander = subscribed(identifier)) {
			for (String bad : List.of("{\"command\":\"launch\",\"identifier\":\"{}\"}", "not json at all",
					"{\"command\":\"subscribe\",\"identifier\":{\"channel\":\"x\"}}")) {
				try (CableTestClient client = CableTestClient.welcomed(url())) {
					client.send(bad);
					JsonNode disconnect = client.awaitType("disconnect");
					assertThat(disconnect.path("reason").asString()).as(bad).isEqualTo("invalid_request");
					client.awaitClose();
				}
			}
			this.broadcasts.broadcast("bystander", "1");
			assertThat(bystander.awaitFrame().path("message").asInt()).isEqualTo(1);
		}
	}

	@Test
	void messageCommandsAreIgnored() throws Exception {
		String identifier = turbo("quiet");
		try (CableTestClient client = subscribed(identifier)) {
			client.send("{\"command\":\"message\",\"identifier\":"
					+ tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(identifier)
					+ ",\"data\":\"{\\\"action\\\":\\\"speak\\\"}\"}");
			this.broadcasts.broadcast("quiet", "2");
			assertThat(client.awaitFrame().path("message").asInt()).isEqualTo(2);
		}
	}

	@Test
	void unsubscribedSessionGetsNoMore() throws Exception {
		String first = turbo("first");
		String second = turbo("second");
		try (CableTestClient client = subscribed(first)) {
			client.subscribe(second);
			assertConfirmed(client, second);
			client.unsubscribe(first);
			this.broadcasts.broadcast("first", "1");
			this.broadcasts.broadcast("second", "2");
			JsonNode next = client.awaitFrame();
			assertThat(next.path("identifier").asString()).isEqualTo(second);
		}
	}

	@Test
	void streamNamesMatchExactlyEvenWithWildcardCharacters() throws Exception {
		try (CableTestClient star = subscribed(turbo("chat_*")); CableTestClient room = subscribed(turbo("chat_x"))) {
			this.broadcasts.broadcast("chat_x", "\"x\"");
			this.broadcasts.broadcast("chat_*", "\"star\"");
			assertThat(star.awaitFrame().path("message").asString()).isEqualTo("star");
			assertThat(room.awaitFrame().path("message").asString()).isEqualTo("x");
		}
	}

	@Test
	void broadcastEndpointAnswersLikeAnyCables() throws Exception {
		try (CableTestClient client = subscribed(turbo("batch"))) {
			assertThat(this.broadcasts
				.post("[{\"stream\":\"batch\",\"data\":\"1\"},{\"stream\":\"batch\",\"data\":\"2\",\"meta\":{}}]")
				.statusCode()).isEqualTo(201);
			List<Integer> received = new ArrayList<>();
			received.add(client.awaitFrame().path("message").asInt());
			received.add(client.awaitFrame().path("message").asInt());
			assertThat(received).containsExactly(1, 2);
		}
		assertThat(new CableBroadcasts(this.port, "wrong").post("{\"stream\":\"x\",\"data\":\"1\"}").statusCode())
			.isEqualTo(401);
		assertThat(new CableBroadcasts(this.port, "explicit-key-not-set").post("{}").statusCode()).isEqualTo(401);
		assertThat(this.broadcasts.post("{\"stream\":\"x\",\"data\":\"{not json\"}").body())
			.contains("publish.bad_json");
		assertThat(this.broadcasts.post("{\"data\":\"1\"}").statusCode()).isEqualTo(400);
	}

}
