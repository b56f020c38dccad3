package io.railside.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.railside.history.Position;
import io.railside.publish.PublishException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link IdempotencyKeys}.
 */
class IdempotencyKeysTests {

	private static final byte[] BODY = "{\"destination\": \"/topic/a\", \"body\": 1}".getBytes(StandardCharsets.UTF_8);

	private final AtomicLong nanos = new AtomicLong(1_000);

	private final AtomicInteger published = new AtomicInteger();

	private final IdempotencyKeys keys = new IdempotencyKeys(Duration.ofHours(24), 6, this.nanos::get);

	@Test
	void theSameKeyAndBodyGetTheFirstAnswerWithoutPublishingAgain() {
		List<Published> first = this.keys.once("k1", BODY, this::publish);
		List<Published> retry = this.keys.once("k1", BODY.clone(), this::publish);
		assertThat(retry).isEqualTo(first);
		assertThat(this.published).hasValue(1);
	}

	@Test
	void theSameKeyWithAnotherBodyIsRefused() {
		this.keys.once("k1", BODY, this::publish);
		assertRefused(() -> this.keys.once("k1", "{}".getBytes(StandardCharsets.UTF_8), this::publish),
				Problem.IDEMPOTENCY_KEY_REUSED);
		assertThat(this.published).hasValue(1);
	}

	@Test
	void anAnswerIsForgottenAfterTheTtl() {
		this.keys.once("k1", BODY, this::publish);
		this.nanos.addAndGet(Duration.ofHours(24).minusNanos(1).toNanos());
		this.keys.once("k1", BODY, this::publish);
		assertThat(this.published).hasValue(1);
		this.nanos.addAndGet(1);
		this.keys.once("k1", BODY, this::publish);
		assertThat(this.published).hasValue(2);
	}

	@Test
	void expiredAnswersAreDroppedWhenTheNextKeyArrives() {
		this.keys.once("k1", BODY, this::publish);
		this.keys.once("k2", BODY, this::publish);
		this.nanos.addAndGet(Duration.ofHours(25).toNanos());
		this.keys.once("k3", BODY, this::publishOne);
		assertThat(this.keys.size()).isEqualTo(1);
		assertThat(this.keys.weight()).isEqualTo(1);
	}

	@Test
	void pastTheBoundTheOldestAnswerIsForgottenFirst() {
		for (String key : List.of("k1", "k2", "k3", "k4")) {
			this.keys.once(key, BODY, this::publish);
		}
		assertThat(this.keys.size()).isEqualTo(3);
		this.keys.once("k4", BODY, this::publish);
		this.keys.once("k2", BODY, this::publish);
		assertThat(this.published).hasValue(4);
		this.keys.once("k1", BODY, this::publish);
		assertThat(this.published).hasValue(5);
	}

	@Test
	void aBatchCountsOneKeyPerMessageSoMemoryStaysBounded() {
		IdempotencyKeys keys = new IdempotencyKeys(Duration.ofHours(24), 5, this.nanos::get);
		keys.once("single", BODY, this::publishOne);
		keys.once("batch", BODY, this::publish);
		assertThat(keys.weight()).isEqualTo(3);
		keys.once("another batch", BODY, this::publish);
		assertThat(keys.weight()).isEqualTo(5);
		keys.once("last", BODY, this::publishOne);
		assertThat(keys.size()).isEqualTo(3);
		assertThat(keys.weight()).isEqualTo(5);
		keys.once("single", BODY, this::publishOne);
		assertThat(this.published).hasValue(5);
		keys.once("another batch", BODY, this::publish);
		assertThat(this.published).hasValue(5);
	}

	@Test
	void aRefusedRequestIsNotRememberedAndMayBeRetriedWithTheSameKey() {
		assertRefused(() -> this.keys.once("k1", BODY, () -> {
			throw new PublishException(Problem.UNAVAILABLE, "Down.");
		}), Problem.UNAVAILABLE);
		assertThat(this.keys.size()).isZero();
		this.keys.once("k1", BODY, this::publish);
		assertThat(this.published).hasValue(1);
	}

	@Test
	@Timeout(10)
	void aSecondRequestWhileTheFirstIsInProgressIsRefusedAndTheKeyIsFreeAfterwards() throws Exception {
		CountDownLatch publishing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<List<Published>> first = CompletableFuture
			.supplyAsync(() -> this.keys.once("k1", BODY, () -> {
				publishing.countDown();
				await(release);
				return publish();
			}));
		assertThat(publishing.await(5, TimeUnit.SECONDS)).isTrue();
		assertRefused(() -> this.keys.once("k1", BODY, this::publish), Problem.IDEMPOTENCY_IN_FLIGHT);
		assertRefused(() -> this.keys.once("k1", "{}".getBytes(StandardCharsets.UTF_8), this::publish),
				Problem.IDEMPOTENCY_IN_FLIGHT);
		this.keys.once("k2", BODY, this::publish);
		release.countDown();
		List<Published> answer = first.get(5, TimeUnit.SECONDS);
		assertThat(this.keys.once("k1", BODY, this::publish)).isEqualTo(answer);
		assertThat(this.published).hasValue(2);
	}

	@Test
	void aFailedRequestInProgressFreesItsKey() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.keys.once("k1", BODY, () -> {
			throw new IllegalStateException("boom");
		}));
		this.keys.once("k1", BODY, this::publish);
		assertThat(this.published).hasValue(1);
	}

	@Test
	void aBoundOfZeroRemembersNothing() {
		IdempotencyKeys none = new IdempotencyKeys(Duration.ofHours(24), 0, this.nanos::get);
		none.once("k1", BODY, this::publish);
		none.once("k1", BODY, this::publish);
		assertThat(this.published).hasValue(2);
	}

	private List<Published> publishOne() {
		int n = this.published.incrementAndGet();
		return List.of(new Published("id-" + n, new Position("e1", n)));
	}

	private List<Published> publish() {
		int n = this.published.incrementAndGet();
		return List.of(new Published("id-" + n, new Position("e1", n)), new Published("user-" + n, null));
	}

	private static void assertRefused(Supplier<?> call, Problem problem) {
		assertThatExceptionOfType(PublishException.class).isThrownBy(call::get)
			.satisfies((ex) -> assertThat(ex.problem()).isEqualTo(problem));
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
