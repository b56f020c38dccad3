package io.railside.bench.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import io.railside.bench.client.StompConnector;
import io.railside.bench.client.StompSession;

import org.jspecify.annotations.Nullable;

/**
 * The subscribers of the replay scenario, driven through its steps together: subscribe
 * and learn a position, drop abruptly, reconnect, and resume all at once. A witness
 * subscription stays throughout: once it has every message published while the others
 * were away, the server's history has them all.
 */
public final class ResumingSubscribers implements AutoCloseable {

	private static final long PROBE_ROUND_NANOS = 2_000_000_000L;

	private final StompConnector connector;

	private final String destination;

	private final double connectsPerSecond;

	private final ResumingSubscriber[] subscribers;

	private final ResumingSubscriber witness;

	/**
	 * Subscribers of one topic that will miss one run of messages.
	 * @param connector how to connect
	 * @param destination the topic
	 * @param count how many subscribers resume
	 * @param run the run number of the missed messages
	 * @param messages how many they miss
	 * @param connectsPerSecond the rate at which they connect and reconnect
	 */
	public ResumingSubscribers(StompConnector connector, String destination, int count, long run, int messages,
			double connectsPerSecond) {
		this.connector = connector;
		this.destination = destination;
		this.connectsPerSecond = connectsPerSecond;
		this.subscribers = new ResumingSubscriber[count + 1];
		for (int i = 0; i < this.subscribers.length; i++) {
			this.subscribers[i] = new ResumingSubscriber(run, messages);
		}
		this.witness = this.subscribers[count];
	}

	/**
	 * The subscribers that resume, without the witness.
	 * @return them, by index
	 */
	public List<ResumingSubscriber> resuming() {
		return Arrays.asList(this.subscribers).subList(0, this.subscribers.length - 1);
	}

	/**
	 * Connects and subscribes every subscriber and the witness.
	 * @return failed sessions by reason
	 */
	public Map<String, Long> subscribe() {
		return connect(this.subscribers, (i) -> this.destination);
	}

	/**
	 * Sends probes until every subscriber has had the same one, the last sent: each then
	 * holds that message's position as the last it saw.
	 * @param publisher the publishing session
	 * @param limit how long to keep trying
	 * @return how many subscribers lack the last probe
	 */
	public int awaitPositions(StompSession publisher, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		long probe = 0;
		while (System.nanoTime() < deadline) {
			long sent = ++probe;
			publisher.publish(this.destination, new Payload(0, sent, System.nanoTime()));
			long roundEnd = Math.min(deadline, System.nanoTime() + PROBE_ROUND_NANOS);
			if (await(() -> all((subscriber) -> subscriber.hasProbe(sent)), roundEnd)) {
				return 0;
			}
		}
		long last = probe;
		return (int) Arrays.stream(this.subscribers).filter((subscriber) -> !subscriber.hasProbe(last)).count();
	}

	/**
	 * Drops every resuming subscriber's session abruptly and waits until each is closed,
	 * so that nothing published afterwards reaches them before they resume.
	 * @param limit the longest wait
	 * @throws InterruptedException if interrupted
	 */
	public void drop(Duration limit) throws InterruptedException {
		CountDownLatch closed = new CountDownLatch(resuming().size());
		resuming().forEach((subscriber) -> subscriber.drop(closed::countDown));
		closed.await(limit.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Waits until the witness has every message, so that the server's history has them.
	 * @param limit the longest wait
	 * @return whether it has
	 */
	public boolean awaitPublished(Duration limit) {
		return await(this.witness::settled, System.nanoTime() + limit.toNanos());
	}

	/**
	 * Opens new sessions for the resuming subscribers, without subscribing.
	 * @return failed sessions by reason
	 */
	public Map<String, Long> reconnect() {
		ResumingSubscriber[] resuming = resuming().toArray(ResumingSubscriber[]::new);
		return connect(resuming, (i) -> null);
	}

	/**
	 * Sends every resuming SUBSCRIBE, one right after the other.
	 * @return how many were sent (subscribers with a session and a position)
	 */
	public int resume() {
		int sent = 0;
		for (int i = 0; i < this.subscribers.length - 1; i++) {
			sent += this.subscribers[i].resume(this.destination, "resume-" + i) ? 1 : 0;
		}
		return sent;
	}

	/**
	 * Waits until every resuming subscriber has all its messages or was cut off, then
	 * until nothing has arrived for a second, so that late duplicates are counted.
	 * @param limit the longest wait for the first
	 */
	public void awaitReplayed(Duration limit) {
		await(() -> resuming().stream().allMatch(ResumingSubscriber::settled), System.nanoTime() + limit.toNanos());
		long quiet = Duration.ofSeconds(1).toNanos();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() - lastArrivalNanos() < quiet && System.nanoTime() < deadline) {
			LockSupport.parkNanos(50_000_000L);
		}
	}

	private Map<String, Long> connect(ResumingSubscriber[] which, IntFunction<@Nullable String> subscribeTo) {
		ConnectWave.Outcome outcome = ConnectWave.run(this.connector, which.length, this.connectsPerSecond,
				subscribeTo::apply, (i) -> which[i]);
		for (int i = 0; i < which.length; i++) {
			which[i].attach(outcome.sessions().get(i));
		}
		return outcome.failureReasons();
	}

	private boolean all(Predicate<ResumingSubscriber> condition) {
		return Arrays.stream(this.subscribers).allMatch(condition);
	}

	private static boolean await(BooleanSupplier done, long deadlineNanos) {
		while (true) {
			if (done.getAsBoolean()) {
				return true;
			}
			if (System.nanoTime() > deadlineNanos) {
				return false;
			}
			LockSupport.parkNanos(10_000_000L);
		}
	}

	private long lastArrivalNanos() {
		return Arrays.stream(this.subscribers).mapToLong(ResumingSubscriber::lastArrivalNanos).max().orElse(0);
	}

	@Override
	public void close() {
		Arrays.stream(this.subscribers).forEach(ResumingSubscriber::close);
	}

}
