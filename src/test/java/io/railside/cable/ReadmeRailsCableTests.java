package io.railside.cable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.railside.security.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every Ruby snippet of the README's "Action Cable and Turbo Streams" section with
 * real Ruby (Debian's Rails 6.1 packages and ruby-jwt) against a running Railside: stream
 * names signed as turbo-rails signs them, tokens minted by the helper, and broadcasts
 * through the subscription adapter, each received by an Action Cable client.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", ReadmeRailsCableTests.CABLE_SECRET_SETTING, TestTokens.SECRET_SETTING })
@Timeout(120)
class ReadmeRailsCableTests {

	/** Where the snippets are read; README.md once the section is merged there. */
	private static final Path SOURCE = Path.of("README.md");

	static final String CABLE_SECRET = "railside-tests-cable-secret-0123456789abcdef";

	static final String CABLE_SECRET_SETTING = "railside.cable.secret=" + CABLE_SECRET;

	private static final String STREAM = "chat_Best Room";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The application.rb lines, then what turbo-rails does with the key. */
	private static final String SIGN = """
			require "active_support/all"
			require "ostruct"

			config = OpenStruct.new(turbo: OpenStruct.new, action_cable: OpenStruct.new)
			SNIPPET
			# Turbo.signed_stream_verifier, as turbo-rails builds it (lib/turbo-rails.rb)
			verifier = ActiveSupport::MessageVerifier.new(config.turbo.signed_stream_verifier_key, digest: "SHA256",
			                                              serializer: JSON)
			puts JSON.generate(url: config.action_cable.url, names: ARGV.map { |name| verifier.generate(name) })
			""";

	/** The helper, in a view of an anonymous visitor, of a user, and a week ago. */
	private static final String MINT = """
			require "active_support/all"
			require "active_support/testing/time_helpers"
			require "jwt"

			SNIPPET
			User = Struct.new(:id)
			View = Struct.new(:current_user) { include RailsideHelper }
			include ActiveSupport::Testing::TimeHelpers
			urls = { anonymous: View.new(nil).railside_cable_url, user: View.new(User.new(42)).railside_cable_url }
			travel_to(1.week.ago) { urls[:expired] = View.new(User.new(42)).railside_cable_url }
			puts JSON.generate(urls)
			""";

	/**
	 * Action Cable outside Rails, configured from cable.yml as Rails configures it, the
	 * adapter required from the load path; then the README's broadcast, what Turbo's
	 * broadcasts send, and numbered ones.
	 */
	private static final String BROADCAST = """
			require "active_support/all"
			require "action_cable"
			require "logger"

			ActionCable.server.config.logger = Logger.new($stderr)
			ActionCable.server.config.cable = ActiveSupport::ConfigurationFile.parse(ARGV[0])["production"]
			SNIPPET
			ActionCable.server.broadcast("chat_Best Room", '<turbo-stream action="append" target="messages"></turbo-stream>')
			Integer(ARGV[1]).times { |n| ActionCable.server.broadcast("chat_Best Room", { n: n }) }
			ActionCable.server.pubsub.shutdown
			""";

	@Value("${local.http.port}")
	private int port;

	@TempDir
	private Path directory;

	private Ruby ruby;

	@BeforeEach
	void rubyWithRailsSettings() {
		this.ruby = new Ruby(this.directory, rubyEnvironment(Map.of()));
	}

	@Test
	void aStreamNameSignedAsTurboSignsItIsConfirmedAndATamperedOneRejected() throws Exception {
		JsonNode signed = sign("gid://app/Room/1:messages");
		String name = signed.get("names").get(0).asString();
		try (CableTestClient client = CableTestClient.open(signed.get("url").asString())) {
			assertThat(client.awaitFrame().get("type").asString()).isEqualTo("welcome");
			String identifier = turbo(name);
			client.subscribe(identifier);
			assertConfirmed(client, identifier);
			String tampered = name.substring(0, name.length() - 1) + (name.endsWith("0") ? "1" : "0");
			client.subscribe(turbo(tampered));
			assertType(client.awaitFrame(), turbo(tampered), "reject_subscription");
			String otherRoom = sign("gid://app/Room/2:messages").get("names").get(0).asString();
			String swapped = otherRoom.substring(0, otherRoom.indexOf("--")) + name.substring(name.indexOf("--"));
			client.subscribe(turbo(swapped));
			assertType(client.awaitFrame(), turbo(swapped), "reject_subscription");
		}
	}

	@Test
	void theHelpersTokenLetsItsUserFollowItsStreamsByNameAndOnlyThose() throws Exception {
		JsonNode urls = mint();
		try (CableTestClient client = CableTestClient.open(urls.get("user").asString())) {
			assertThat(client.awaitFrame().get("type").asString()).isEqualTo("welcome");
			String chat = pubsubByName(STREAM);
			client.subscribe(chat);
			assertConfirmed(client, chat);
			String orders = pubsubByName("orders_42");
			client.subscribe(orders);
			assertType(client.awaitFrame(), orders, "reject_subscription");
		}
	}

	@Test
	void withoutATokenAStreamByNameIsRejected() throws Exception {
		JsonNode urls = mint();
		assertThat(urls.get("anonymous").asString()).doesNotContain("jid=");
		try (CableTestClient client = CableTestClient.open(urls.get("anonymous").asString())) {
			assertThat(client.awaitFrame().get("type").asString()).isEqualTo("welcome");
			String chat = pubsubByName(STREAM);
			client.subscribe(chat);
			assertType(client.awaitFrame(), chat, "reject_subscription");
		}
	}

	@Test
	void aTokenExpiredWhenTheSocketOpensGetsTokenExpired() throws Exception {
		try (CableTestClient client = CableTestClient.open(mint().get("expired").asString())) {
			JsonNode frame = client.awaitFrame();
			assertThat(frame.get("type").asString()).as("%s", frame).isEqualTo("disconnect");
			assertThat(frame.get("reason").asString()).as("%s", frame).isEqualTo("token_expired");
			client.awaitClose();
		}
	}

	@Test
	void theAdapterDeliversActionCableBroadcastsInTheOrderMade() throws Exception {
		String signed = pubsubSigned(sign(STREAM).get("names").get(0).asString());
		try (CableTestClient anonymous = CableTestClient.open(cable());
				CableTestClient user = CableTestClient.open(mint().get("user").asString())) {
			assertThat(anonymous.awaitFrame().get("type").asString()).isEqualTo("welcome");
			assertThat(user.awaitFrame().get("type").asString()).isEqualTo("welcome");
			anonymous.subscribe(signed);
			assertConfirmed(anonymous, signed);
			String byName = pubsubByName(STREAM);
			user.subscribe(byName);
			assertConfirmed(user, byName);
			this.ruby.run("broadcast.rb", BROADCAST.replace("SNIPPET", snippet("broadcast.rb")),
					"-I" + rails().resolve("lib"), rails().resolve("config/cable.yml").toString(), "20");
			List<JsonNode> expected = new ArrayList<>();
			expected.add(JSON.readTree("{\"body\":\"hi\"}"));
			expected
				.add(JSON.readTree("\"<turbo-stream action=\\\"append\\\" target=\\\"messages\\\"></turbo-stream>\""));
			for (int n = 0; n < 20; n++) {
				expected.add(JSON.readTree("{\"n\":" + n + "}"));
			}
			assertThat(deliveries(anonymous, signed, expected.size())).containsExactlyElementsOf(expected);
			assertThat(deliveries(user, byName, expected.size())).containsExactlyElementsOf(expected);
		}
	}

	@Test
	void aBroadcastRailsideRefusesRaisesInRails() throws Exception {
		Ruby wrongKey = new Ruby(this.directory, rubyEnvironment(Map.of("RAILSIDE_CABLE_BROADCAST_KEY", "wrong")));
		Ruby.Result result = wrongKey.attempt("broadcast.rb", BROADCAST.replace("SNIPPET", snippet("broadcast.rb")),
				"-I" + rails().resolve("lib"), rails().resolve("config/cable.yml").toString(), "0");
		assertThat(result.exitValue()).isNotZero();
		assertThat(result.errors()).contains("Railside answered 401 to a broadcast to \"chat_Best Room\"")
			.contains("ActionCable::SubscriptionAdapter::Railside::Error");
	}

	@Test
	void theAdapterRefusesToSubscribeSayingWhereSubscribersGo() throws Exception {
		String script = BROADCAST.replace("SNIPPET",
				"ActionCable.server.pubsub.subscribe(\"chat_Best Room\", ->(_) {})");
		Ruby.Result result = this.ruby.attempt("subscribe.rb", script, "-I" + rails().resolve("lib"),
				rails().resolve("config/cable.yml").toString(), "0");
		assertThat(result.exitValue()).isNotZero();
		assertThat(result.errors()).contains("NotImplementedError")
			.contains("Railside serves Action Cable subscribers: point the browsers at its /cable");
	}

	@Test
	void theReadmesAdapterIsTheOneInDeploy() throws IOException {
		Path deployed = Path.of("deploy/rails/lib/action_cable/subscription_adapter/railside.rb");
		assertThat(snippet("railside.rb")).isEqualTo(Files.readString(deployed));
	}

	private JsonNode sign(String streamName) throws Exception {
		return JSON.readTree(this.ruby.run("sign.rb", SIGN.replace("SNIPPET", snippet("application.rb")), streamName));
	}

	private JsonNode mint() throws Exception {
		return JSON.readTree(this.ruby.run("mint.rb", MINT.replace("SNIPPET", snippet("railside_helper.rb"))));
	}

	/**
	 * A Rails app's files from the README: the adapter where its first line says, and
	 * config/cable.yml.
	 * @return the app's root
	 */
	private Path rails() throws IOException {
		Path root = this.directory.resolve("app");
		Path adapter = root.resolve("lib/action_cable/subscription_adapter/railside.rb");
		Files.createDirectories(adapter.getParent());
		Files.writeString(adapter, snippet("railside.rb"));
		Files.createDirectories(root.resolve("config"));
		Files.writeString(root.resolve("config/cable.yml"), snippet("cable.yml"));
		return root;
	}

	private List<JsonNode> deliveries(CableTestClient client, String identifier, int count) throws Exception {
		List<JsonNode> messages = new ArrayList<>();
		while (messages.size() < count) {
			JsonNode frame = client.awaitFrame();
			assertThat(frame.path("identifier").asString("")).as("%s", frame).isEqualTo(identifier);
			assertThat(frame.has("message")).as("%s", frame).isTrue();
			messages.add(frame.get("message"));
		}
		return messages;
	}

	private static void assertConfirmed(CableTestClient client, String identifier) {
		assertType(client.awaitFrame(), identifier, "confirm_subscription");
	}

	private static void assertType(JsonNode frame, String identifier, String type) {
		assertThat(frame.path("type").asString("")).as("%s", frame).isEqualTo(type);
		assertThat(frame.path("identifier").asString("")).as("%s", frame).isEqualTo(identifier);
	}

	private static String turbo(String signedStreamName) {
		return identifier("Turbo::StreamsChannel", "signed_stream_name", signedStreamName);
	}

	private static String pubsubSigned(String signedStreamName) {
		return identifier("$pubsub", "signed_stream_name", signedStreamName);
	}

	private static String pubsubByName(String streamName) {
		return identifier("$pubsub", "stream_name", streamName);
	}

	private static String identifier(String channel, String key, String value) {
		return CableTestClient.identifier(channel, key, value);
	}

	private String cable() {
		return "ws://localhost:" + this.port + "/cable";
	}

	private Map<String, String> rubyEnvironment(Map<String, String> overrides) {
		Map<String, String> environment = new HashMap<>();
		environment.put("RAILSIDE_URL", "http://localhost:" + this.port);
		environment.put("RAILSIDE_CABLE_URL", cable());
		environment.put("RAILSIDE_CABLE_SECRET", CABLE_SECRET);
		environment.put("RAILSIDE_CABLE_BROADCAST_KEY", "");
		environment.put("RAILSIDE_JWT_SECRET", TestTokens.SECRET);
		environment.putAll(overrides);
		return environment;
	}

	/**
	 * The code block marked {@code <!-- readme-test: name -->} in {@link #SOURCE}.
	 * @param name the snippet's name
	 * @return its text
	 */
	static String snippet(String name) throws IOException {
		Matcher snippet = Pattern
			.compile("<!-- readme-test: " + Pattern.quote(name) + " -->\n```\\w*\n(.*?)```\n<!-- /readme-test -->",
					Pattern.DOTALL)
			.matcher(Files.readString(SOURCE));
		assertThat(snippet.find()).as("%s marks a snippet readme-test: %s", SOURCE, name).isTrue();
		return snippet.group(1);
	}

}
