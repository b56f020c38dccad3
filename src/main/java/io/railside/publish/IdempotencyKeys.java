package io.railside.publish;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.railside.publish.PublishException.Problem;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The answers of accepted publish requests that carried an {@code Idempotency-Key}, so
 * that a backend retrying after a timeout gets the first answer instead of a second
 * publish. Only accepted requests are remembered (a refused one may be retried as it is),
 * each with a hash of its body rather than the body, for a while and up to a number of
 * keys, the oldest forgotten first. A batch counts one key per message, since its answer
 * holds an id and a position for each: so the bound holds memory to a few hundred bytes a
 * key, whatever the batches.
 */
class IdempotencyKeys {

	private static final Log logger = LogFactory.getLog(IdempotencyKeys.class);

	private final long ttlNanos;

	private final int maxKeys;

	private final LongSupplier nanoClock;

	private final Set<String> inFlight = new HashSet<>();

	/** In the order they were remembered, which is the order they expire in. */
	private final LinkedHashMap<String, Answer> answers = new LinkedHashMap<>();

	/** The keys the answers count for, a batch one per message. */
	private long weight;

	/**
	 * Create an empty store.
	 * @param ttl how long an answer is remembered
	 * @param maxKeys how many answers are remembered at most, a batch counting one per
	 * message
	 * @param nanoClock a monotonic clock in nanoseconds, such as
	 * {@link System#nanoTime()}
	 */
	IdempotencyKeys(Duration ttl, int maxKeys, LongSupplier nanoClock) {
		this.ttlNanos = ttl.toNanos();
		this.maxKeys = maxKeys;
		this.nanoClock = nanoClock;
	}

	/**
	 * Publish once per key: the first time, or after the key was forgotten, publish and
	 * remember the answer; the same key and body again get that answer.
	 * @param key the request's key
	 * @param body the request's body, as it arrived
	 * @param publish publishes the request
	 * @return the answer, new or remembered
	 * @throws PublishException when the key is in use by a request still in progress, or
	 * was used with another body
	 */
	List<Published> once(String key, byte[] body, Supplier<List<Published>> publish) {
		byte[] hash = sha256(body);
		List<Published> remembered = claim(key, hash);
		if (remembered != null) {
			return remembered;
		}
		boolean accepted = false;
		try {
			List<Published> published = publish.get();
			remember(key, hash, published);
			accepted = true;
			return published;
		}
		finally {
			if (!accepted) {
				release(key);
			}
		}
	}

	private synchronized @Nullable List<Published> claim(String key, byte[] hash) {
		if (this.inFlight.contains(key)) {
			throw new PublishException(Problem.IDEMPOTENCY_IN_FLIGHT,
					"A request with this Idempotency-Key is still in progress; retry once it has been answered.");
		}
		forgetExpired(this.nanoClock.getAsLong());
		Answer answer = this.answers.get(key);
		if (answer == null) {
			this.inFlight.add(key);
			return null;
		}
		if (!MessageDigest.isEqual(answer.hash(), hash)) {
			throw new PublishException(Problem.IDEMPOTENCY_KEY_REUSED,
					"This Idempotency-Key was used for a request with another body: use a new key for a new request.");
		}
		logger.debug("Answered a retry from its Idempotency-Key; nothing was published again");
		return answer.published();
	}

	private synchronized void remember(String key, byte[] hash, List<Published> published) {
		Answer answer = new Answer(hash, List.copyOf(published), this.nanoClock.getAsLong());
		this.answers.put(key, answer);
		this.weight += answer.weight();
		this.inFlight.remove(key);
		Iterator<Answer> oldest = this.answers.values().iterator();
		while (this.weight > this.maxKeys) {
			this.weight -= oldest.next().weight();
			oldest.remove();
		}
	}

	private synchronized void release(String key) {
		this.inFlight.remove(key);
	}

	private void forgetExpired(long now) {
		Iterator<Answer> oldest = this.answers.values().iterator();
		while (oldest.hasNext()) {
			Answer answer = oldest.next();
			if (now - answer.rememberedAt() < this.ttlNanos) {
				return;
			}
			this.weight -= answer.weight();
			oldest.remove();
		}
	}

	synchronized int size() {
		return this.answers.size();
	}

	synchronized long weight() {
		return this.weight;
	}

	private static byte[] sha256(byte[] body) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(body);
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform has SHA-256.
			throw new IllegalStateException(ex);
		}
	}

	private record Answer(byte[] hash, List<Published> published, long rememberedAt) {

		int weight() {
			return Math.max(1, this.published.size());
		}

	}

}
