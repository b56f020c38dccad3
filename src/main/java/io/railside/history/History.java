package io.railside.history;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.railside.history.Resume.Outcome;

/**
 * The in-memory broker's history: one offset sequence shared by all topics, the topics'
 * recent messages, and the epoch that names it. The epoch is new at every start, since a
 * restart loses what the history held.
 * <p>
 * A topic with nothing left to keep is forgotten, and its last offset with it; what a
 * forgotten topic leaves behind is the highest last offset of the forgotten topics of its
 * hash bucket, and a topic created again starts from that, so a client never hears
 * "recovered" for messages that were dropped. (A topic that shares a bucket with one
 * forgotten later may answer {@code too_old} where it need not; the client reloads.)
 *
 * @param <M> what the broker delivers messages from
 */
public final class History<M> {

	private static final int FORGOTTEN_BUCKETS = 4096;

	private final HistoryProperties properties;

	private final boolean enabled;

	private final LongSupplier clock;

	private volatile String epoch;

	/** Whether offsets come from a log shared with other instances, not from here. */
	private volatile boolean shared;

	/**
	 * Whether the shared log's positions are to come, and this history's mean nothing.
	 */
	private volatile boolean awaitingLog;

	private final AtomicLong offsets = new AtomicLong();

	private final Map<String, TopicHistory<M>> topics = new ConcurrentHashMap<>();

	private final AtomicLongArray forgotten = new AtomicLongArray(FORGOTTEN_BUCKETS);

	/**
	 * Per bucket of {@link #forgotten}, until when its topics may have had messages this
	 * history no longer has: the time of the newest message a forgotten topic of the
	 * bucket dropped, or when this history began (started, or adopted a log), since
	 * nothing before that is known.
	 */
	private final AtomicLongArray forgottenAt = new AtomicLongArray(FORGOTTEN_BUCKETS);

	private final MemoryBudget budget;

	private final Map<Outcome, LongAdder> resumes = new ConcurrentHashMap<>();

	private final LongAdder replayed = new LongAdder();

	/**
	 * A history with a new, random epoch.
	 * @param properties its bounds
	 * @param enabled whether messages get positions and topics keep history here (with
	 * the properties' own switch)
	 * @param clock the time in milliseconds since the Unix epoch
	 */
	public History(HistoryProperties properties, boolean enabled, LongSupplier clock) {
		this(properties, enabled, clock, newEpoch());
	}

	History(HistoryProperties properties, boolean enabled, LongSupplier clock, String epoch) {
		this.properties = properties;
		this.enabled = enabled && properties.enabled();
		this.clock = clock;
		this.epoch = epoch;
		this.budget = new MemoryBudget(properties.memory().toBytes());
		long started = clock.getAsLong();
		for (int bucket = 0; bucket < FORGOTTEN_BUCKETS; bucket++) {
			this.forgottenAt.set(bucket, started);
		}
	}

	private static String newEpoch() {
		byte[] random = new byte[8];
		new SecureRandom().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public String epoch() {
		return this.epoch;
	}

	/**
	 * Take the positions of a log that other instances share (a RabbitMQ stream): its
	 * epoch, and the offset of the newest message this instance cannot know of, since it
	 * reads the log from there on. From now on messages come with their offsets
	 * ({@link TopicHistory#append(Object, int, long, long)}), and a client may resume
	 * from a position ahead of what this instance has read. Under a new epoch, what the
	 * history held is forgotten; under the same one (after a gap in the log), no topic
	 * recovers a resume from before the floor.
	 * @param epoch the log's epoch
	 * @param floor the offset before the first message this instance reads
	 */
	public void adopt(String epoch, long floor) {
		this.shared = true;
		this.awaitingLog = false;
		if (!epoch.equals(this.epoch)) {
			this.topics.forEach((destination, topic) -> topic.evict(forgetting(destination, topic)));
			this.topics.clear();
			for (int bucket = 0; bucket < FORGOTTEN_BUCKETS; bucket++) {
				this.forgotten.set(bucket, floor);
				this.forgottenAt.set(bucket, now());
			}
			this.offsets.set(floor);
			this.epoch = epoch;
			return;
		}
		long now = now();
		for (int bucket = 0; bucket < FORGOTTEN_BUCKETS; bucket++) {
			this.forgotten.accumulateAndGet(bucket, floor, Math::max);
			this.forgottenAt.accumulateAndGet(bucket, now, Math::max);
		}
		this.offsets.accumulateAndGet(floor, Math::max);
		this.topics.values().forEach((topic) -> topic.raiseFloor(floor, now));
	}

	/**
	 * Say that positions will come from a shared log, and that until
	 * {@link #adopt(String, long)} none should be handed out.
	 */
	public void awaitLog() {
		this.awaitingLog = true;
	}

	/**
	 * Whether positions are to come from a shared log not read yet.
	 * @return whether {@link #awaitLog()} was called and no log adopted since
	 */
	public boolean isAwaitingLog() {
		return this.awaitingLog;
	}

	/**
	 * Whether offsets come from a log shared with other instances.
	 * @return whether {@link #adopt(String, long)} was called
	 */
	public boolean isShared() {
		return this.shared;
	}

	/**
	 * Run an action holding a topic's lock, creating the topic if need be.
	 * @param destination the topic's destination
	 * @param action what to do while no message is published to the topic
	 * @param <R> the action's result
	 * @return the action's result
	 */
	public <R> R withTopic(String destination, Function<TopicHistory<M>, R> action) {
		while (true) {
			TopicHistory<M> topic = this.topics.computeIfAbsent(destination, (name) -> new TopicHistory<>(this,
					this.forgotten.get(bucket(name)), this.forgottenAt.get(bucket(name)), now()));
			synchronized (topic) {
				if (!topic.isRemoved()) {
					return action.apply(topic);
				}
			}
		}
	}

	/**
	 * A topic's current position, for a backend that renders state and hands the browser
	 * the position to subscribe from. Asking creates nothing.
	 * @param destination the topic's destination
	 * @return the position every later message of the topic follows
	 */
	public Position position(String destination) {
		TopicHistory<M> topic = this.topics.get(destination);
		long offset = (topic != null && !topic.isRemoved()) ? topic.lastOffset()
				: this.forgotten.get(bucket(destination));
		return new Position(this.epoch, offset);
	}

	/**
	 * Drop what aged out or exceeds the memory budget, forget topics with nothing left to
	 * keep, and the least recently active past the number of topics kept. Run every
	 * second or so.
	 */
	public void sweep() {
		long now = now();
		this.budget.evict(now - this.properties.ttl().toMillis());
		this.topics.forEach((destination, topic) -> topic.sweep(now, forgetting(destination, topic)));
		int excess = this.topics.size() - this.properties.maxTopics();
		if (excess > 0) {
			evictLeastActive(excess);
		}
	}

	private void evictLeastActive(int count) {
		record Activity(String destination, TopicHistory<?> topic, long at) {
		}
		List<Activity> topics = new ArrayList<>(this.topics.size());
		this.topics.forEach((destination, topic) -> topics.add(new Activity(destination, topic, topic.lastActivity())));
		topics.sort(Comparator.comparingLong(Activity::at));
		topics.stream()
			.limit(count)
			.forEach((least) -> least.topic().evict(forgetting(least.destination(), least.topic())));
	}

	private TopicHistory.Forgetting forgetting(String destination, TopicHistory<?> topic) {
		return (lastOffset, droppedAt) -> {
			this.forgotten.accumulateAndGet(bucket(destination), lastOffset, Math::max);
			this.forgottenAt.accumulateAndGet(bucket(destination), droppedAt, Math::max);
			this.topics.remove(destination, topic);
		};
	}

	/**
	 * Count messages a resume replayed.
	 * @param messages how many
	 */
	public void countReplayed(int messages) {
		this.replayed.add(messages);
	}

	/**
	 * Count a resume's outcome.
	 * @param outcome the outcome
	 */
	public void count(Outcome outcome) {
		this.resumes.computeIfAbsent(outcome, (key) -> new LongAdder()).increment();
	}

	public long resumes(Outcome outcome) {
		LongAdder count = this.resumes.get(outcome);
		return (count != null) ? count.sum() : 0;
	}

	public long replayed() {
		return this.replayed.sum();
	}

	public long bytes() {
		return this.budget.bytes();
	}

	public int messages() {
		return this.budget.messages();
	}

	public int topics() {
		return this.topics.size();
	}

	public HistoryProperties properties() {
		return this.properties;
	}

	MemoryBudget budget() {
		return this.budget;
	}

	long now() {
		return this.clock.getAsLong();
	}

	long nextOffset() {
		return this.offsets.incrementAndGet();
	}

	void observe(long offset) {
		this.offsets.accumulateAndGet(offset, Math::max);
	}

	long lastOffset() {
		return this.offsets.get();
	}

	private static int bucket(String destination) {
		return (destination.hashCode() & 0x7fffffff) % FORGOTTEN_BUCKETS;
	}

}
