package io.railside.stomp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.railside.limits.LimitRules;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.http.HttpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.ImmutableMessageChannelInterceptor;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.Mockito.mock;

/**
 * Seeded mutation fuzzing of inbound STOMP. Valid frames and random bytes, mutated, go
 * through Spring's STOMP handler set up as Railside sets it up: its error handler, the 64
 * KB frame limit, frames handed over in parts, sessions that drain before they close, and
 * the frame guard with the real limit, header and destination rules (the security rules,
 * which let everything through in open mode, and the broker's availability rule are left
 * out). Whatever arrives, nothing is thrown and each message is handled quickly; the
 * session then either passes well-formed client frames on, or gets one ERROR with a known
 * code and one plain sentence and is closed, or waits for the rest of a frame: a NUL and
 * then more than 64 KB must settle that. Another seed: {@code -Drailside.fuzz.seed=...},
 * more cases: {@code -Drailside.fuzz.cases=...}; failures name the seed and the case.
 */
@Timeout(180)
class StompFrameFuzzTests {

	static final long SEED = Long.getLong("railside.fuzz.seed", 20261125L);

	private static final int CASES = Integer.getInteger("railside.fuzz.cases", 5000);

	private static final int LIMIT = 64 * 1024;

	private static final Duration MESSAGE_BUDGET = Duration.ofSeconds(2);

	private static final Set<String> CODES = Set.of("bad_frame", "bad_destination", "frame.too_large", "forbidden",
			"rate_limited", "limit.subscriptions");

	private static final Set<StompCommand> CLIENT_COMMANDS = EnumSet.of(StompCommand.CONNECT, StompCommand.STOMP,
			StompCommand.SEND, StompCommand.SUBSCRIBE, StompCommand.UNSUBSCRIBE, StompCommand.DISCONNECT);

	private static final Map<StompCommand, Set<String>> ALLOWED_HEADERS = Map.of(StompCommand.SUBSCRIBE,
			Set.of("destination", "id", "receipt"), StompCommand.SEND,
			Set.of("destination", "content-type", "content-length", "receipt"), StompCommand.UNSUBSCRIBE,
			Set.of("id", "receipt"));

	private static final String NAME = "[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*";

	private static final Pattern SUBSCRIBE_DESTINATION = Pattern.compile("/(topic|user/queue)/" + NAME);

	private static final Pattern SEND_DESTINATION = Pattern.compile("/(topic|app)/" + NAME);

	private static final String CONNECT = "CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0";

	private static final String LOGGERS = "io.railside.stomp";

	private final Server server = new Server();

	@BeforeAll
	static void logRefusalsOnlyAtWarn() {
		// Each refused case logs a line at INFO; thousands would bury the build's output.
		LoggingSystem.get(StompFrameFuzzTests.class.getClassLoader()).setLogLevel(LOGGERS, LogLevel.WARN);
	}

	@AfterAll
	static void logAsBefore() {
		LoggingSystem.get(StompFrameFuzzTests.class.getClassLoader()).setLogLevel(LOGGERS, null);
	}

	@Test
	void survivesMutatedFrames() {
		Findings findings = new Findings();
		Map<String, Integer> outcomes = new TreeMap<>();
		Random random = new Random(SEED);
		Mutations mutations = new Mutations(random);
		assertTimeoutPreemptively(Duration.ofSeconds(150), () -> {
			for (int i = 0; i < CASES; i++) {
				byte[] input = mutations.next();
				String outcome = this.server.run(new Case(i, input, findings), mutations.split(input), random);
				outcomes.merge(outcome, 1, Integer::sum);
			}
		});
		System.out.println("STOMP frame fuzz, seed " + SEED + ", " + CASES + " cases: " + outcomes);
		assertThat(findings.summary()).as("seed %d, %d cases (outcomes %s): invariants broken", SEED, CASES, outcomes)
			.isEmpty();
		// Fewer cases than the default may miss the rarer outcomes.
		assumeThat(CASES).isGreaterThanOrEqualTo(5000);
		assertThat(outcomes).as("seed %d: the cases reach every outcome", SEED)
			.containsKeys("passed", "waited", "error bad_frame", "error frame.too_large", "error bad_destination",
					"error forbidden", "error rate_limited", "error limit.subscriptions");
	}

	@Test
	void passesEveryValidFrame() {
		Findings findings = new Findings();
		int i = 0;
		for (String frame : Mutations.FOLLOWERS) {
			byte[] input = (CONNECT + frame).getBytes(StandardCharsets.UTF_8);
			String outcome = this.server.run(new Case(i++, input, findings), List.of(input), new Random(SEED));
			assertThat(outcome).as(Mutations.printable(input)).isIn("passed", "waited");
		}
		assertThat(findings.summary()).isEmpty();
	}

	@Test
	void dropsEveryFrameAfterOneRefusedBeforeConnect() {
		Findings findings = new Findings();
		byte[] input = ("SEND\ndestination:/topic/a\n\nfirst\0" + CONNECT
				+ "SUBSCRIBE\nid:1\ndestination:/topic/b\n\n\0SEND\ndestination:/topic/a\n\nsneaky\0")
			.getBytes(StandardCharsets.UTF_8);
		String outcome = this.server.run(new Case(0, input, findings), List.of(input), new Random(SEED));
		assertThat(outcome).isEqualTo("error bad_frame");
		assertThat(findings.summary()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "MESSAGE\ndestination:/topic/a\nsubscription:0\nmessage-id:1\n\nspoofed\0",
			"MESSAGE\ndestination:/queue/notices-user1a2b\nsubscription:0\nmessage-id:1\n\nspoofed\0",
			"MESSAGE\ndestination:/topic/orders..42\n\nspoofed\0", "RECEIPT\nreceipt-id:r1\n\n\0",
			"ERROR\nmessage:bad_frame\n\nspoofed\0", "CONNECTED\nversion:1.2\n\n\0" })
	void passesNoFrameThatOnlyServersSend(String frame) {
		Findings findings = new Findings();
		byte[] input = (CONNECT + frame).getBytes(StandardCharsets.UTF_8);
		this.server.run(new Case(0, input, findings), List.of(input), new Random(SEED));
		assertThat(findings.summary()).isEmpty();
	}

	/**
	 * The invariants broken so far: per invariant, how many cases and the first three.
	 */
	private static final class Findings {

		private final Map<String, Integer> counts = new TreeMap<>();

		private final Map<String, List<String>> examples = new TreeMap<>();

		void add(String invariant, String example) {
			this.counts.merge(invariant, 1, Integer::sum);
			List<String> first = this.examples.computeIfAbsent(invariant, (key) -> new ArrayList<>());
			if (first.size() < 3) {
				first.add(example);
			}
		}

		List<String> summary() {
			return this.counts.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + ": " + entry.getValue() + " cases, such as\n    "
						+ String.join("\n    ", this.examples.get(entry.getKey())))
				.toList();
		}

	}

	/**
	 * One fuzz case and what it has seen so far.
	 */
	private static final class Case {

		private final int index;

		private final byte[] input;

		private final Findings findings;

		private final Set<String> broken = new HashSet<>();

		private int checked;

		private int passed;

		private int errors;

		Case(int index, byte[] input, Findings findings) {
			this.index = index;
			this.input = input;
			this.findings = findings;
		}

		void check(boolean holds, String invariant, String detail) {
			if (!holds && this.broken.add(invariant)) {
				this.findings.add(invariant, "seed " + SEED + " case " + this.index + ": " + detail + " <- "
						+ Mutations.printable(this.input));
			}
		}

	}

	/**
	 * Spring's STOMP handler behind Railside's session handler, with the frame guard and
	 * real rules in front of a recorder where the broker would be. Everything runs on the
	 * caller's thread, so each case sees its own events in order.
	 */
	private static final class Server {

		private final ExecutorSubscribableChannel inbound = new ExecutorSubscribableChannel();

		private final ExecutorSubscribableChannel outbound = new ExecutorSubscribableChannel();

		private final DrainingSubProtocolWebSocketHandler handler = new DrainingSubProtocolWebSocketHandler(
				this.inbound, this.outbound, () -> {
					throw new IllegalStateException("No replays here");
				});

		private final WebSocketHandler endpoint = new PartialFrames(this.handler, LIMIT);

		private List<Object> events = new ArrayList<>();

		Server() {
			StompProperties properties = new Binder(new MapConfigurationPropertySource()).bindOrCreate("railside.stomp",
					StompProperties.class);
			List<FrameRule> rules = new ArrayList<>(LimitRules.withDefaults());
			rules.add(StompConfiguration.headerAllowlist());
			rules.add(StompConfiguration.destinationRules(properties));
			StompRefusals refusals = new StompRefusals(this.outbound, mock());
			this.inbound
				.setInterceptors(List.of(new FrameGuard(rules, refusals), new ImmutableMessageChannelInterceptor()));
			OrderedMessageChannelDecorator.configureInterceptor(this.inbound, true);
			this.inbound.subscribe((message) -> this.events.add(message));
			StompSubProtocolHandler stomp = new StompSubProtocolHandler();
			stomp.setErrorHandler(new StompErrorHandler(properties.maxFrameSize().toBytes(), refusals));
			stomp.setMessageSizeLimit((int) properties.maxFrameSize().toBytes());
			stomp.setPreserveReceiveOrder(true);
			this.handler.addProtocolHandler(stomp);
			this.handler.setSendTimeLimit(10_000);
			this.handler.setSendBufferSizeLimit(512 * 1024);
			this.handler.start();
		}

		/**
		 * Run a case: its parts, then (if the session waits for more) a NUL, then more
		 * than the frame limit.
		 * @return the outcome, for the statistics
		 */
		String run(Case fuzzCase, List<byte[]> parts, Random random) {
			this.events = new ArrayList<>();
			RecordingSession session = new RecordingSession("fuzz-" + fuzzCase.index, this.events);
			try {
				this.endpoint.afterConnectionEstablished(session);
				deliver(fuzzCase, session, parts, random);
				String outcome = outcome(fuzzCase, session, "parts");
				if (session.isOpen()) {
					deliver(fuzzCase, session, List.of(new byte[] { 0 }), random);
					outcome(fuzzCase, session, "NUL");
				}
				if (session.isOpen()) {
					byte[] tail = new byte[LIMIT + 1];
					Arrays.fill(tail, (byte) 'x');
					deliver(fuzzCase, session, List.of(tail), random);
					String settled = outcome(fuzzCase, session, "tail past the limit");
					fuzzCase.check(settled.equals("error frame.too_large"), "more than the limit ends the session",
							"after the tail: " + settled);
				}
				return outcome;
			}
			catch (Exception ex) {
				fuzzCase.check(false, "no exception escapes", ex.toString());
				return "exception";
			}
			finally {
				List<Object> done = this.events;
				this.events = new ArrayList<>();
				try {
					this.endpoint.afterConnectionClosed(session, CloseStatus.NORMAL);
				}
				catch (Exception ex) {
					fuzzCase.check(false, "no exception escapes on close", ex.toString());
				}
				this.events = done;
			}
		}

		private void deliver(Case fuzzCase, RecordingSession session, List<byte[]> parts, Random random)
				throws Exception {
			for (byte[] part : parts) {
				if (!session.isOpen()) {
					return;
				}
				WebSocketMessage<?> message = (isUtf8(part) && random.nextBoolean())
						? new TextMessage(new String(part, StandardCharsets.UTF_8)) : new BinaryMessage(part);
				long start = System.nanoTime();
				this.endpoint.handleMessage(session, message);
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				fuzzCase.check(took.compareTo(MESSAGE_BUDGET) < 0, "each message is handled quickly", "took " + took);
			}
		}

		/**
		 * Check the invariants on the events since the last check.
		 * @return {@code passed}, {@code waited} or {@code error <code>}
		 */
		private String outcome(Case fuzzCase, RecordingSession session, String after) {
			String code = null;
			for (; fuzzCase.checked < this.events.size(); fuzzCase.checked++) {
				Object event = this.events.get(fuzzCase.checked);
				if (event instanceof Message<?> message) {
					fuzzCase.check(fuzzCase.errors == 0, "nothing passes after an ERROR",
							after + ": " + describe(message));
					checkPassed(fuzzCase, message, fuzzCase.passed == 0, after);
					fuzzCase.passed++;
				}
				else if (event instanceof WebSocketMessage<?> sent) {
					for (StompHeaderAccessor frame : decode(sent)) {
						fuzzCase.check(frame.getCommand() == StompCommand.ERROR, "only ERROR frames are sent",
								after + ": " + frame.getCommand());
						fuzzCase.errors++;
						fuzzCase.check(fuzzCase.errors == 1, "at most one ERROR", after + ": a second ERROR");
						code = checkError(fuzzCase, frame, session, after);
					}
				}
			}
			if (code != null) {
				return "error " + code;
			}
			fuzzCase.check(fuzzCase.errors > 0 || session.closeStatus() == null, "no close without an ERROR",
					after + ": closed with " + session.closeStatus());
			return (fuzzCase.passed == 0) ? "waited" : "passed";
		}

		private void checkPassed(Case fuzzCase, Message<?> message, boolean first, String after) {
			StompHeaderAccessor frame = StompHeaderAccessor.wrap(message);
			StompCommand command = frame.getCommand();
			String what = after + ": " + describe(message);
			if (frame.getMessageType() == SimpMessageType.HEARTBEAT) {
				fuzzCase.check(!first, "CONNECT comes first", what);
				return;
			}
			fuzzCase.check(command != null && CLIENT_COMMANDS.contains(command), "only client commands pass", what);
			fuzzCase.check(!first || command == StompCommand.CONNECT || command == StompCommand.STOMP,
					"CONNECT comes first", what);
			fuzzCase.check(first || (command != StompCommand.CONNECT && command != StompCommand.STOMP),
					"only one CONNECT passes", what);
			Map<String, List<String>> headers = frame.toNativeHeaderMap();
			int count = 0;
			for (Map.Entry<String, List<String>> header : headers.entrySet()) {
				fuzzCase.check(!header.getKey().isEmpty(), "header names are not empty", what);
				for (String value : header.getValue()) {
					count++;
					fuzzCase.check(header.getKey().length() + value.length() <= 8192, "headers are at most 8192 long",
							what);
				}
			}
			fuzzCase.check(count <= 32, "at most 32 headers", what);
			Set<String> allowed = ALLOWED_HEADERS.get(command);
			fuzzCase.check(allowed == null || allowed.containsAll(headers.keySet()), "only known headers pass", what);
			if (command == StompCommand.SUBSCRIBE) {
				fuzzCase.check(matches(SUBSCRIBE_DESTINATION, frame.getDestination()),
						"SUBSCRIBE destinations follow the rules", what);
			}
			if (command == StompCommand.SEND) {
				fuzzCase.check(matches(SEND_DESTINATION, frame.getDestination()), "SEND destinations follow the rules",
						what);
			}
			byte[] payload = (byte[]) message.getPayload();
			fuzzCase.check(payload.length == 0 || command == StompCommand.SEND, "only SEND carries a body", what);
		}

		private @Nullable String checkError(Case fuzzCase, StompHeaderAccessor error, RecordingSession session,
				String after) {
			String code = error.getMessage();
			String body = new String((byte[]) error.getHeader("railside.fuzz.body"), StandardCharsets.UTF_8);
			String what = after + ": ERROR " + code + " '" + body + "'";
			fuzzCase.check(code != null && CODES.contains(code), "ERROR codes are known", what);
			fuzzCase.check(!body.isBlank() && body.endsWith(".") && !body.contains("\n"),
					"ERROR bodies are one sentence", what);
			fuzzCase.check(!body.contains("Exception") && !body.contains("java.")
					&& !body.contains("org.springframework") && !body.contains("\tat "),
					"ERROR bodies leak no internals", what);
			fuzzCase.check(CloseStatus.PROTOCOL_ERROR.equals(session.closeStatus()), "an ERROR closes with 1002",
					what + ", closed with " + session.closeStatus());
			return code;
		}

		private static List<StompHeaderAccessor> decode(WebSocketMessage<?> sent) {
			byte[] bytes = (sent instanceof TextMessage text) ? text.asBytes()
					: ((BinaryMessage) sent).getPayload().array();
			List<StompHeaderAccessor> frames = new ArrayList<>();
			for (Message<byte[]> message : new StompDecoder().decode(ByteBuffer.wrap(bytes))) {
				StompHeaderAccessor frame = StompHeaderAccessor.wrap(message);
				frame.setHeader("railside.fuzz.body", message.getPayload());
				frames.add(frame);
			}
			return frames;
		}

		private static boolean matches(Pattern pattern, @Nullable String destination) {
			return destination != null && destination.length() <= 220 && pattern.matcher(destination).matches()
					&& !destination.startsWith("/topic/" + StompProperties.INTERNAL_TOPIC_PREFIX);
		}

		private static String describe(Message<?> message) {
			StompHeaderAccessor frame = StompHeaderAccessor.wrap(message);
			return ((frame.getCommand() != null) ? frame.getCommand() : frame.getMessageType()) + " "
					+ Mutations.printable(frame.toNativeHeaderMap().toString().getBytes(StandardCharsets.UTF_8));
		}

		private static boolean isUtf8(byte[] bytes) {
			try {
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(bytes));
				return true;
			}
			catch (CharacterCodingException ex) {
				return false;
			}
		}

	}

	/**
	 * Makes the inputs: valid frames, boundary cases and random bytes, mutated the ways
	 * clients and attackers get STOMP wrong.
	 */
	static final class Mutations {

		static final List<String> CONNECTS = List.of(CONNECT,
				"STOMP\naccept-version:1.0,1.1,1.2\nhost:railside\nheart-beat:10000,10000\nlogin:guest\npasscode:guest\n\n\0",
				"CONNECT\naccept-version:1.1,1.2\nhost:localhost\nAuthorization:Bearer e30.e30.sig\n\n\0");

		static final List<String> FOLLOWERS = List.of(
				"SUBSCRIBE\nid:sub-0\ndestination:/topic/orders.42\nack:auto\nreceipt:r-1\n\n\0",
				"SUBSCRIBE\nid:1\ndestination:/user/queue/notices\n\n\0",
				"SEND\ndestination:/topic/orders.42\ncontent-type:text/plain;charset=UTF-8\ncontent-length:5\n\nhello\0",
				"SEND\ndestination:/app/chat.room-1\ncontent-type:application/json\n\n{\"text\":\"h\u00e9 \u2603\"}\0",
				"SEND\ndestination:/topic/a\nx-note:colon\\c newline\\n cr\\r backslash\\\\\n\nbody\0",
				"SEND\ndestination:/topic/bin\ncontent-type:application/octet-stream\ncontent-length:4\n\n\0\1\2\0\0",
				"SEND\r\ndestination:/topic/crlf\r\n\r\ncrlf\0", "UNSUBSCRIBE\nid:sub-0\nreceipt:r-2\n\n\0",
				"DISCONNECT\nreceipt:bye\n\n\0", "\n", "\r\n");

		/** Frames of STOMP that Railside refuses. */
		static final List<String> UNSUPPORTED = List.of("ACK\nid:m-1\n\n\0", "NACK\nid:m-1\n\n\0",
				"BEGIN\ntransaction:tx1\n\n\0", "COMMIT\ntransaction:tx1\n\n\0", "ABORT\ntransaction:tx1\n\n\0");

		private static final List<String> TOKENS = List.of("\0", "\0\0", "\n", "\r\n", "\r", ":", "\\c", "\\n", "\\r",
				"\\\\", "\\", "\\t", "\\x", "content-length:", "content-length:99999999\n", "content-length:-1\n",
				"content-length:abc\n", "content-length:2147483648\n", "content-length:0\n", "destination:", "/topic/",
				"/topic/#", "/topic/*", "/topic/railside-internal.x", "/exchange/amq.topic/x", "/user/bob/queue/x",
				"/queue/x", "id:", "receipt:", "CONNECT\n", "SEND\n", "SUBSCRIBE\n", "MESSAGE\n", "\u00e9", "\u2603",
				"\ud83d\ude80");

		private static final byte[][] BYTES = { { (byte) 0xC3, 0x28 }, { (byte) 0xF0, 0x28, (byte) 0x8C, 0x28 },
				{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xFF }, { (byte) 0xC0, (byte) 0x80 },
				{ (byte) 0xE2, (byte) 0x98 } };

		private final Random random;

		Mutations(Random random) {
			this.random = random;
		}

		/**
		 * The next input: a few frames or random bytes, mutated one to four times.
		 * @return the bytes
		 */
		byte[] next() {
			int kind = this.random.nextInt(100);
			byte[] input;
			if (kind < 10) {
				input = randomBytes(this.random.nextInt(300));
			}
			else if (kind < 16) {
				input = boundaryCase();
			}
			else {
				input = frames();
			}
			int mutations = (kind >= 10 && kind < 16 && this.random.nextBoolean()) ? 0 : 1 + this.random.nextInt(4);
			for (int i = 0; i < mutations; i++) {
				input = mutate(input);
			}
			return input;
		}

		/**
		 * Split an input into one to four WebSocket messages.
		 * @param input the input
		 * @return the parts
		 */
		List<byte[]> split(byte[] input) {
			int parts = 1 + this.random.nextInt(4);
			List<byte[]> split = new ArrayList<>();
			int from = 0;
			for (int i = 1; i < parts && from < input.length; i++) {
				int to = from + this.random.nextInt(input.length - from + 1);
				split.add(Arrays.copyOfRange(input, from, to));
				from = to;
			}
			split.add(Arrays.copyOfRange(input, from, input.length));
			return split;
		}

		private byte[] frames() {
			StringBuilder frames = new StringBuilder();
			if (this.random.nextInt(5) > 0) {
				frames.append(pick(CONNECTS));
			}
			int more = this.random.nextInt(5);
			for (int i = 0; i < more; i++) {
				int which = this.random.nextInt(12);
				frames.append((which == 0) ? pick(CONNECTS) : (which == 1) ? pick(UNSUPPORTED) : pick(FOLLOWERS));
			}
			return frames.toString().getBytes(StandardCharsets.UTF_8);
		}

		private byte[] boundaryCase() {
			StringBuilder frames = new StringBuilder(CONNECT);
			switch (this.random.nextInt(5)) {
				case 0 -> {
					// around 32 headers
					frames.append("SEND\ndestination:/topic/h\n");
					int headers = 29 + this.random.nextInt(5);
					for (int i = 0; i < headers; i++) {
						frames.append("x-").append(i).append(':').append(i).append('\n');
					}
					frames.append("\nbody\0");
				}
				case 1 -> {
					// a header around 8192 characters, name and value
					int length = 8190 + this.random.nextInt(5);
					frames.append("SEND\ndestination:/topic/h\nx-pad:").append("v".repeat(length - 5)).append("\n\n\0");
				}
				case 2 -> {
					// a frame around 64 KB
					String head = "SEND\ndestination:/topic/big\n\n";
					int size = LIMIT - 2 + this.random.nextInt(5);
					frames.setLength(0);
					frames.append(head).append("b".repeat(size - head.length() - 1)).append('\0');
					frames.insert(0, CONNECT);
				}
				case 3 -> {
					// around the burst of 200 frames
					int count = 196 + this.random.nextInt(8);
					frames.append("SEND\ndestination:/topic/burst\n\nb\0".repeat(count));
				}
				default -> {
					// around 100 subscriptions
					int count = 98 + this.random.nextInt(5);
					for (int i = 0; i < count; i++) {
						frames.append("SUBSCRIBE\nid:")
							.append(i)
							.append("\ndestination:/topic/s.")
							.append(i)
							.append("\n\n\0");
					}
				}
			}
			return frames.toString().getBytes(StandardCharsets.UTF_8);
		}

		private byte[] mutate(byte[] input) {
			ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + 64);
			int at = (input.length == 0) ? 0 : this.random.nextInt(input.length + 1);
			int end = Math.min(input.length, at + 1 + this.random.nextInt(16));
			switch (this.random.nextInt(11)) {
				case 0 -> {
					// flip a bit
					byte[] copy = input.clone();
					if (copy.length > 0) {
						int i = this.random.nextInt(copy.length);
						copy[i] ^= (byte) (1 << this.random.nextInt(8));
					}
					return copy;
				}
				case 1 -> {
					// insert random bytes
					out.write(input, 0, at);
					out.writeBytes(randomBytes(1 + this.random.nextInt(8)));
					out.write(input, at, input.length - at);
				}
				case 2, 3 -> {
					// insert a token, often where a header value starts
					int colon = indexAfter(input, (byte) ':');
					int where = (colon >= 0 && this.random.nextBoolean()) ? colon : at;
					out.write(input, 0, where);
					out.writeBytes(pick(TOKENS).getBytes(StandardCharsets.UTF_8));
					out.write(input, where, input.length - where);
				}
				case 4 -> {
					// insert invalid UTF-8
					out.write(input, 0, at);
					out.writeBytes(BYTES[this.random.nextInt(BYTES.length)]);
					out.write(input, at, input.length - at);
				}
				case 5 -> {
					// delete a range
					out.write(input, 0, at);
					out.write(input, end, input.length - end);
				}
				case 6 -> {
					// truncate
					out.write(input, 0, at);
				}
				case 7 -> {
					// duplicate a range (a NUL, a header, a frame)
					out.write(input, 0, end);
					out.write(input, at, end - at);
					out.write(input, end, input.length - end);
				}
				case 8 -> {
					// CRLF or bare CR line ends
					String text = new String(input, StandardCharsets.ISO_8859_1);
					String eol = this.random.nextBoolean() ? "\r\n" : "\r";
					return text.replace("\n", eol).getBytes(StandardCharsets.ISO_8859_1);
				}
				case 9 -> {
					// drop a header's colon
					int colon = indexAfter(input, (byte) ':');
					if (colon <= 0) {
						return input;
					}
					out.write(input, 0, colon - 1);
					out.write(input, colon, input.length - colon);
				}
				default -> {
					// a huge or odd content-length as a new first header
					int eol = indexAfter(input, (byte) '\n');
					int where = (eol >= 0) ? eol : input.length;
					out.write(input, 0, where);
					String[] lengths = { "2147483647", "99999999999", "-5", "65537", "0", "1e3", " 5", "" };
					out.writeBytes(("content-length:" + lengths[this.random.nextInt(lengths.length)] + "\n")
						.getBytes(StandardCharsets.UTF_8));
					out.write(input, where, input.length - where);
				}
			}
			return out.toByteArray();
		}

		/**
		 * The index just after a random occurrence of a byte, or -1.
		 */
		private int indexAfter(byte[] input, byte wanted) {
			List<Integer> found = new ArrayList<>();
			for (int i = 0; i < input.length; i++) {
				if (input[i] == wanted) {
					found.add(i + 1);
				}
			}
			return found.isEmpty() ? -1 : found.get(this.random.nextInt(found.size()));
		}

		private byte[] randomBytes(int length) {
			byte[] bytes = new byte[length];
			this.random.nextBytes(bytes);
			return bytes;
		}

		private <T> T pick(List<T> list) {
			return list.get(this.random.nextInt(list.size()));
		}

		/**
		 * The input as Java source would write it, shortened.
		 * @param bytes the input
		 * @return the printable form
		 */
		static String printable(byte[] bytes) {
			StringBuilder text = new StringBuilder("\"");
			int shown = Math.min(bytes.length, 300);
			for (int i = 0; i < shown; i++) {
				int b = bytes[i] & 0xFF;
				switch (b) {
					case '\n' -> text.append("\\n");
					case '\r' -> text.append("\\r");
					case '\\' -> text.append("\\\\");
					case '"' -> text.append("\\\"");
					default -> {
						if (b < 0x20 || b >= 0x7F) {
							text.append(String.format("\\x%02x", b));
						}
						else {
							text.append((char) b);
						}
					}
				}
			}
			text.append('"');
			if (bytes.length > shown) {
				text.append(" (").append(bytes.length).append(" bytes)");
			}
			return text.toString();
		}

	}

	/**
	 * The WebSocket session a container would hand over: it records what is sent (into
	 * the case's events, in order with what passes to the broker) and how it was closed.
	 */
	private static final class RecordingSession implements WebSocketSession {

		private final String id;

		private final List<Object> events;

		private final Map<String, Object> attributes = new ConcurrentHashMap<>();

		private volatile @Nullable CloseStatus closeStatus;

		private int textLimit = 8192;

		private int binaryLimit = 8192;

		RecordingSession(String id, List<Object> events) {
			this.id = id;
			this.events = events;
		}

		@Nullable CloseStatus closeStatus() {
			return this.closeStatus;
		}

		@Override
		public String getId() {
			return this.id;
		}

		@Override
		public @Nullable URI getUri() {
			return URI.create("ws://localhost/stomp");
		}

		@Override
		public HttpHeaders getHandshakeHeaders() {
			return new HttpHeaders();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.attributes;
		}

		@Override
		public @Nullable Principal getPrincipal() {
			return null;
		}

		@Override
		public @Nullable InetSocketAddress getLocalAddress() {
			return null;
		}

		@Override
		public @Nullable InetSocketAddress getRemoteAddress() {
			return null;
		}

		@Override
		public String getAcceptedProtocol() {
			return "v12.stomp";
		}

		@Override
		public void setTextMessageSizeLimit(int messageSizeLimit) {
			this.textLimit = messageSizeLimit;
		}

		@Override
		public int getTextMessageSizeLimit() {
			return this.textLimit;
		}

		@Override
		public void setBinaryMessageSizeLimit(int messageSizeLimit) {
			this.binaryLimit = messageSizeLimit;
		}

		@Override
		public int getBinaryMessageSizeLimit() {
			return this.binaryLimit;
		}

		@Override
		public List<WebSocketExtension> getExtensions() {
			return List.of();
		}

		@Override
		public void sendMessage(WebSocketMessage<?> message) throws IOException {
			if (this.closeStatus != null) {
				throw new IOException("Closed");
			}
			this.events.add(message);
		}

		@Override
		public boolean isOpen() {
			return this.closeStatus == null;
		}

		@Override
		public void close() {
			close(CloseStatus.NORMAL);
		}

		@Override
		public void close(CloseStatus status) {
			if (this.closeStatus == null) {
				this.closeStatus = status;
			}
		}

	}

}
