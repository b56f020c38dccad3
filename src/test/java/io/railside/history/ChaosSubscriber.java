package io.railside.history;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import com.nimbusds.jwt.JWTClaimsSet;
import io.railside.security.TestTokens;
import io.railside.stomp.RawStompSocket;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.awaitility.Awaitility.await;

/**
 * One subscriber of the chaos test, as a browser on a bad network would behave: it drops
 * its connection without a DISCONNECT at moments its random source picks, stays away
 * while some messages are published, and resumes from the last message it received; a
 * subscriber with short-lived tokens is also ended by the server whenever its token
 * expires, and comes back with a fresh one. It records what it received and how each
 * resume went, and stops once it holds every message, or at its deadline.
 */
final class ChaosSubscriber implements Callable<ChaosSubscriber.Report> {

	private static final Duration WAIT = Duration.ofSeconds(5);

	/**
	 * Marks the first SUBSCRIBE: an epoch no history has, so its RECEIPT names the
	 * topic's position.
	 */
	private static final String NO_EPOCH = "none";

	private final int index;

	private final Random random;

	private final boolean expiring;

	private final HttpClient http;

	private final String url;

	private final String topic;

	private final ChaosPublisher publisher;

	private final int messages;

	private final List<String> received = new ArrayList<>();

	private final Map<String, Integer> outcomes = new TreeMap<>();

	private final List<String> failures = new ArrayList<>();

	private @Nullable RawStompSocket socket;

	private String epoch = NO_EPOCH;

	private long offset;

	private int drops;

	private int expiries;

	ChaosSubscriber(int index, long seed, boolean expiring, HttpClient http, String url, String topic,
			ChaosPublisher publisher, int messages) {
		this.index = index;
		this.random = new Random(seed);
		this.expiring = expiring;
		this.http = http;
		this.url = url;
		this.topic = topic;
		this.publisher = publisher;
		this.messages = messages;
	}

	/**
	 * Connect and subscribe, before anything is published. The RECEIPT of a resume from
	 * an unknown epoch says not recovered and gives the topic's position, which every
	 * later resume follows on from, even one before the first message.
	 */
	void subscribe() {
		RawStompSocket connected = connect();
		connected.send(subscribeFrame());
		StompHeaderAccessor receipt = connected.awaitFrame();
		if (receipt.getCommand() != StompCommand.RECEIPT
				|| !"epoch".equals(receipt.getFirstNativeHeader(Resume.REASON_HEADER))) {
			throw new IllegalStateException(name() + " subscribed with " + receipt.toNativeHeaderMap());
		}
		position(receipt);
		this.socket = connected;
	}

	@Override
	public Report call() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
		while (this.failures.isEmpty() && this.received.size() < this.messages) {
			if (System.nanoTime() - deadline > 0) {
				this.failures.add("deadline passed with " + this.received.size() + " messages");
				break;
			}
			RawStompSocket current = (this.socket != null) ? this.socket : resume();
			this.socket = (current != null) ? follow(current, dropAfter()) : null;
		}
		if (this.socket != null) {
			if (this.failures.isEmpty()) {
				expectNoMore(this.socket);
			}
			this.socket.abort();
		}
		return new Report(name(), this.expiring, List.copyOf(this.received), this.drops, this.expiries,
				Map.copyOf(this.outcomes), List.copyOf(this.failures));
	}

	/**
	 * Connect again and ask to resume after the last message received.
	 * @return the socket, or {@code null} when the token expired before the RECEIPT
	 */
	private @Nullable RawStompSocket resume() throws InterruptedException {
		RawStompSocket connected = connect();
		connected.send(subscribeFrame());
		StompHeaderAccessor answer = next(connected);
		if (answer == null || expired(answer)) {
			connected.abort();
			return null;
		}
		if (answer.getCommand() != StompCommand.RECEIPT) {
			this.failures.add("resume answered " + answer.getCommand() + " " + answer.toNativeHeaderMap());
			return connected;
		}
		String recovered = answer.getFirstNativeHeader(Resume.RECOVERED_HEADER);
		String reason = answer.getFirstNativeHeader(Resume.REASON_HEADER);
		this.outcomes.merge("true".equals(recovered) ? "recovered" : String.valueOf(reason), 1, Integer::sum);
		if (!"true".equals(recovered)) {
			this.failures.add("resume after offset " + this.offset + " not recovered: " + reason);
		}
		return connected;
	}

	/**
	 * Read messages until the subscriber drops the connection, the server ends it, or all
	 * have arrived.
	 * @param connected the subscribed socket
	 * @param dropAfter how many messages to read before dropping, while the publisher
	 * runs
	 * @return the socket if it is still to be read, or {@code null} once it is gone
	 */
	private @Nullable RawStompSocket follow(RawStompSocket connected, int dropAfter) throws InterruptedException {
		int read = 0;
		while (this.received.size() < this.messages) {
			StompHeaderAccessor frame = next(connected);
			if (frame == null || expired(frame)) {
				connected.abort();
				return null;
			}
			if (frame.getCommand() != StompCommand.MESSAGE) {
				this.failures.add("unexpected " + frame.getCommand() + " " + frame.toNativeHeaderMap());
				return connected;
			}
			take(frame);
			if (++read >= dropAfter && !this.publisher.isDone()) {
				connected.abort();
				this.drops++;
				stayAway();
				return null;
			}
		}
		return connected;
	}

	/**
	 * Listen a moment longer for a message that should not come: a duplicate, or one the
	 * publisher never sent.
	 */
	private void expectNoMore(RawStompSocket connected) throws InterruptedException {
		StompHeaderAccessor frame;
		do {
			frame = connected.pollAny(Duration.ofMillis(200));
		}
		while (frame != null && frame.isHeartbeat());
		if (frame != null && frame.getCommand() == StompCommand.MESSAGE) {
			this.failures.add("a message after the last: " + RawStompSocket.body(frame));
		}
	}

	private void take(StompHeaderAccessor message) {
		long messageOffset = Long.parseLong(String.valueOf(message.getFirstNativeHeader(Position.OFFSET_HEADER)));
		if (!this.epoch.equals(message.getFirstNativeHeader(Position.EPOCH_HEADER)) || messageOffset <= this.offset) {
			this.failures
				.add("message at " + messageOffset + " after " + this.offset + ": " + message.toNativeHeaderMap());
		}
		this.received.add(RawStompSocket.body(message));
		position(message);
	}

	private void position(StompHeaderAccessor frame) {
		this.epoch = String.valueOf(frame.getFirstNativeHeader(Position.EPOCH_HEADER));
		this.offset = Long.parseLong(String.valueOf(frame.getFirstNativeHeader(Position.OFFSET_HEADER)));
	}

	/**
	 * Be away while the publisher sends up to fifteen messages.
	 */
	private void stayAway() {
		int until = this.publisher.count() + this.random.nextInt(16);
		await().atMost(WAIT.multipliedBy(2))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.publisher.count() >= until || this.publisher.isDone());
	}

	/**
	 * How many messages to read before dropping: five to sixty, or, with short-lived
	 * tokens, sixty to two hundred, so that tokens live long enough to expire.
	 */
	private int dropAfter() {
		return this.expiring ? 60 + this.random.nextInt(141) : 5 + this.random.nextInt(56);
	}

	private boolean expired(StompHeaderAccessor frame) {
		if (frame.getCommand() == StompCommand.ERROR && "auth.expired".equals(frame.getMessage())) {
			this.expiries++;
			return true;
		}
		return false;
	}

	/**
	 * The next frame.
	 * @return the frame, or {@code null} after a failure recorded
	 */
	private @Nullable StompHeaderAccessor next(RawStompSocket connected) throws InterruptedException {
		StompHeaderAccessor frame;
		do {
			frame = connected.pollAny(WAIT);
		}
		while (frame != null && frame.isHeartbeat());
		if (frame == null) {
			this.failures.add("no frame within " + WAIT + " with " + this.received.size() + " messages");
		}
		return frame;
	}

	private RawStompSocket connect() {
		RawStompSocket connected = RawStompSocket.open(this.http.newWebSocketBuilder(), this.url);
		connected.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\nAuthorization:Bearer " + token()
				+ "\n\n\0");
		StompHeaderAccessor answer = connected.awaitFrame();
		if (answer.getCommand() != StompCommand.CONNECTED) {
			throw new IllegalStateException(name() + " could not connect: " + answer.toNativeHeaderMap());
		}
		return connected;
	}

	private String subscribeFrame() {
		return "SUBSCRIBE\nid:0\ndestination:" + this.topic + "\nreceipt:resume\n" + Position.EPOCH_HEADER + ":"
				+ this.epoch + "\n" + Position.OFFSET_HEADER + ":" + this.offset + "\n\n\0";
	}

	/**
	 * A token for this subscriber's topic: one that expires in two to five seconds for a
	 * subscriber with short-lived tokens, else one that outlives the test.
	 */
	private String token() {
		JWTClaimsSet.Builder claims = TestTokens.claims(name())
			.claim("subscribe", List.of(this.topic.substring("/topic/".length())));
		if (this.expiring) {
			claims.expirationTime(Date.from(Instant.now().plusSeconds(2 + this.random.nextInt(4))));
		}
		return TestTokens.hs256(claims);
	}

	private String name() {
		return "subscriber-" + this.index;
	}

	/**
	 * What one subscriber went through.
	 *
	 * @param name the subscriber (and its token's subject)
	 * @param expiring whether its tokens were short-lived
	 * @param received the bodies of the messages it received, in order
	 * @param drops how often it dropped its connection
	 * @param expiries how often the server ended its session for an expired token
	 * @param outcomes its resumes by outcome ({@code recovered} or the reason)
	 * @param failures what went wrong, if anything
	 */
	record Report(String name, boolean expiring, List<String> received, int drops, int expiries,
			Map<String, Integer> outcomes, List<String> failures) {

		int resumes() {
			return this.outcomes.values().stream().mapToInt(Integer::intValue).sum();
		}

	}

}
