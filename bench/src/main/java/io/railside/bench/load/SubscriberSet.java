package io.railside.bench.load;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import io.railside.bench.client.MessageListener;
import io.railside.bench.client.StompConnector;
import io.railside.bench.client.StompSession;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * The subscribers of a publish scenario, kept across its runs: each subscribes to its
 * destination, is known ready once a probe has reached it, and hands what it receives to
 * the current run's tracker.
 */
public final class SubscriberSet implements AutoCloseable {

	private final StompConnector connector;

	private final IntFunction<String> destinations;

	private final StompSession[] sessions;

	private final AtomicIntegerArray ready;

	private final double connectsPerSecond;

	private volatile @Nullable DeliveryTracker tracker;

	private volatile long lastArrivalNanos;

	private long failures;

	public SubscriberSet(StompConnector connector, int count, IntFunction<String> destinations,
			double connectsPerSecond) {
		this.connector = connector;
		this.destinations = destinations;
		this.sessions = new StompSession[count];
		this.ready = new AtomicIntegerArray(count);
		this.connectsPerSecond = connectsPerSecond;
	}

	public int size() {
		return this.sessions.length;
	}

	public void track(@Nullable DeliveryTracker tracker) {
		this.tracker = tracker;
	}

	/**
	 * Connects every subscriber not connected, such as those a server cut off.
	 * @return how many it tried to connect
	 */
	public int connectMissing() {
		int[] missing = java.util.stream.IntStream.range(0, this.sessions.length)
			.filter((i) -> this.sessions[i] == null || !this.sessions[i].isOpen())
			.toArray();
		if (missing.length == 0) {
			return 0;
		}
		ConnectWave.Outcome outcome = ConnectWave.run(this.connector, missing.length, this.connectsPerSecond,
				(n) -> this.destinations.apply(missing[n]), (n) -> listener(missing[n]));
		for (int n = 0; n < missing.length; n++) {
			this.sessions[missing[n]] = outcome.sessions().get(n);
			this.ready.set(missing[n], 0);
		}
		this.failures += outcome.failures();
		return missing.length;
	}

	/**
	 * Sends probes to the destinations of subscribers not yet reached until all are, so
	 * that no measured message goes out before every subscription is in place.
	 * @param publisher the publishing session
	 * @param limit how long to keep trying
	 * @return how many subscribers no probe reached
	 */
	public int awaitReady(StompSession publisher, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		int round = 0;
		while (true) {
			Set<String> pending = new LinkedHashSet<>();
			for (int i = 0; i < this.sessions.length; i++) {
				if (this.ready.get(i) == 0 && this.sessions[i] != null && this.sessions[i].isOpen()) {
					pending.add(this.destinations.apply(i));
				}
			}
			if (pending.isEmpty() || System.nanoTime() > deadline) {
				return notReady();
			}
			long now = System.nanoTime();
			int probe = round++;
			pending.forEach((destination) -> publisher.publish(destination, new Payload(0, probe, now)));
			LockSupport.parkNanos(200_000_000L);
		}
	}

	/**
	 * Waits until nothing has arrived for {@code quiet}, so a backlog from an overloaded
	 * run does not spill into the next.
	 * @param quiet how long nothing must arrive
	 * @param limit the longest wait
	 */
	public void awaitQuiet(Duration quiet, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() - this.lastArrivalNanos < quiet.toNanos() && System.nanoTime() < deadline) {
			LockSupport.parkNanos(50_000_000L);
		}
	}

	public int open() {
		int open = 0;
		for (StompSession session : this.sessions) {
			open += (session != null && session.isOpen()) ? 1 : 0;
		}
		return open;
	}

	public long connectFailures() {
		return this.failures;
	}

	private int notReady() {
		int count = 0;
		for (int i = 0; i < this.sessions.length; i++) {
			count += (this.ready.get(i) == 0) ? 1 : 0;
		}
		return count;
	}

	private MessageListener listener(int index) {
		return (ByteBuf buffer, int start, int end) -> {
			long now = System.nanoTime();
			this.lastArrivalNanos = now;
			Payload payload = Payload.parse(buffer, start, end);
			if (payload == null) {
				return;
			}
			if (payload.run() == 0) {
				this.ready.set(index, 1);
				return;
			}
			DeliveryTracker current = this.tracker;
			if (current != null) {
				current.deliver(index, payload, now);
			}
		};
	}

	@Override
	public void close() {
		for (StompSession session : this.sessions) {
			if (session != null) {
				session.close();
			}
		}
	}

}
