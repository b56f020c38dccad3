package io.railside.stream;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.rabbitmq.client.AMQP;
import io.railside.stomp.StompProperties;
import io.railside.stomp.StompTestSession;
import io.railside.stomp.StompTestSession.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the README's Bunny example ("Publishing straight to RabbitMQ"), as the README has
 * it, with real Ruby against an instance in stream mode, and checks that what a backend
 * publishes straight to {@code amq.topic} is delivered only when Railside would have
 * taken it from its own publish API, without holding up what comes after. Where RabbitMQ
 * is named, Ruby and Bunny must be installed: a missing one fails the test rather than
 * skipping it.
 */
@EnabledIfEnvironmentVariable(named = StreamInstance.HOST_VARIABLE, matches = ".*\\S.*")
@Timeout(120)
class ReadmeBunnyTests {

	private static final String HEADING = "### Publishing straight to RabbitMQ";

	/** The first code block after the heading, with no other heading between them. */
	private static final Pattern EXAMPLE = Pattern
		.compile("(?m)^" + Pattern.quote(HEADING) + "$\\n(?:(?!#|```).*\\n)*```ruby\\n((?s:.*?))^```$");

	private static final Duration RUBY_TIMEOUT = Duration.ofSeconds(60);

	private static final String STREAM = StreamInstance.newStream();

	private static StreamInstance instance;

	@BeforeAll
	static void start() {
		instance = StreamInstance.ready(STREAM);
	}

	@AfterAll
	static void stop() throws IOException {
		if (instance != null) {
			instance.close();
		}
		StreamInstance.deleteStream(STREAM);
	}

	@Test
	void theReadmesBunnyExampleReachesSubscribersOfTheTopic(@TempDir Path directory) throws Exception {
		StompTestSession subscriber = instance.connect("reader", List.of("orders.**"));
		subscriber.subscribe("/topic/orders.42");
		runRuby(readmeExample(), directory);
		Frame frame = subscriber.awaitFrame();
		assertThat(frame.command()).isEqualTo("MESSAGE");
		assertThat(frame.body()).isEqualTo("{\"status\":\"shipped\"}");
		assertThat(frame.header("content-type")).isEqualTo("application/json");
		assertThat(frame.header("event")).isEqualTo("order.shipped");
		subscriber.disconnect();
	}

	@Test
	void aMessageWithABadRoutingKeyOrTooLargeABodyIsSkippedAndTheNextOneDelivered() throws Exception {
		StompTestSession subscriber = instance.connect("reader");
		subscriber.subscribe("/topic/stream.straight");
		long rejected = instance.bean(StreamBus.class).rejected();
		AMQP.BasicProperties text = new AMQP.BasicProperties.Builder().contentType("text/plain").build();
		int tooLarge = (int) instance.bean(StompProperties.class).maxFrameSize().toBytes() + 1;
		StreamInstance.amqp((channel) -> {
			channel.basicPublish("amq.topic", "bad key!", text, bytes("bad key"));
			channel.basicPublish("amq.topic", "stream.straight", text, bytes("x".repeat(tooLarge)));
			channel.basicPublish("amq.topic", "stream.straight", text, bytes("after them"));
		});
		Frame frame = subscriber.awaitFrame();
		assertThat(frame.command()).isEqualTo("MESSAGE");
		assertThat(frame.body()).isEqualTo("after them");
		subscriber.assertNoFrame(Duration.ofMillis(500));
		// Others may publish to amq.topic meanwhile, and this stream reads theirs too.
		assertThat(instance.bean(StreamBus.class).rejected()).isGreaterThanOrEqualTo(rejected + 2);
		subscriber.disconnect();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String readmeExample() throws IOException {
		Matcher example = EXAMPLE.matcher(Files.readString(Path.of("README.md")));
		assertThat(example.find()).as("README.md has a ```ruby block right after the heading \"%s\"", HEADING).isTrue();
		return example.group(1);
	}

	/**
	 * Run a Ruby script as a user would, with {@code RABBITMQ_URL} naming the test
	 * RabbitMQ.
	 */
	private static void runRuby(String script, Path directory) throws IOException, InterruptedException {
		if (!onPath("ruby")) {
			fail("ruby is not installed, so the README's Bunny example cannot run: install the packages ruby and"
					+ " ruby-bunny (.ci/run does)");
		}
		Path file = Files.writeString(directory.resolve("publish.rb"), script);
		Path output = directory.resolve("output.txt");
		ProcessBuilder builder = new ProcessBuilder("ruby", file.toString()).redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().put("RABBITMQ_URL", "amqp://guest:guest@" + hostInUrl() + ":5672");
		Process ruby = builder.start();
		if (!ruby.waitFor(RUBY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			ruby.destroyForcibly();
			fail("ruby did not finish within %s:%n%s", RUBY_TIMEOUT, Files.readString(output));
		}
		assertThat(ruby.exitValue())
			.as("ruby %s (is ruby-bunny installed?):%n%s%n%s", file, script, Files.readString(output))
			.isZero();
	}

	private static String hostInUrl() {
		String host = StreamInstance.host();
		return host.contains(":") ? "[" + host + "]" : host;
	}

	private static boolean onPath(String command) {
		return Stream.of(System.getenv("PATH").split(File.pathSeparator))
			.anyMatch((directory) -> Files.isExecutable(Path.of(directory, command)));
	}

}
