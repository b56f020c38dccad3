package io.railside.history;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.railside.history.Resume.Outcome;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the history's bounds (count, age, memory budget across topics), the last offset
 * kept past a topic's messages and past the topic itself, and each resume outcome.
 */
class HistoryTests {

	private static final String EPOCH = "e1";

	private final AtomicLong clock = new AtomicLong(1_000_000);

	private History<String> history = history(3, Duration.ofMinutes(1), Duration.ofMinutes(10), DataSize.ofMegabytes(1),
			100, DataSize.ofMegabytes(1));

	@Test
	void givesOffsetsFromOneSequenceAcrossTopics() {
		long a = append("/topic/a", "1");
		long b = append("/topic/b", "2");
		long a2 = append("/topic/a", "3");
		assertThat(List.of(a, b, a2)).containsExactly(1L, 2L, 3L);
		assertThat(this.history.position("/topic/a")).isEqualTo(new Position(EPOCH, 3));
		assertThat(this.history.position("/topic/b")).isEqualTo(new Position(EPOCH, 2));
	}

	@Test
	void replaysEverythingAfterThePositionInOrder() {
		long first = append("/topic/a", "1");
		append("/topic/b", "other topic");
		append("/topic/a", "2");
		append("/topic/a", "3");
		Resume<String> resume = resume("/topic/a", EPOCH, first);
		assertThat(resume.outcome()).isEqualTo(Outcome.RECOVERED);
		assertThat(resume.replay()).extracting(Retained::message).containsExactly("2", "3");
		assertThat(resume.position().offset()).isEqualTo(4);
	}

	@Test
	void keepsAtMostSizeMessagesPerTopic() {
		long first = append("/topic/a", "1");
		long second = append("/topic/a", "2");
		append("/topic/a", "3");
		append("/topic/a", "4");
		append("/topic/a", "5");
		assertThat(resume("/topic/a", EPOCH, first).outcome()).isEqualTo(Outcome.TOO_OLD);
		assertThat(resume("/topic/a", EPOCH, second).replay()).extracting(Retained::message)
			.containsExactly("3", "4", "5");
	}

	@Test
	void dropsMessagesOlderThanTheTtlAndKeepsTheLastOffset() {
		long before = append("/topic/a", "1");
		long last = append("/topic/a", "2");
		this.clock.addAndGet(Duration.ofSeconds(61).toMillis());
		assertThat(resume("/topic/a", EPOCH, before).outcome()).isEqualTo(Outcome.TOO_OLD);
		Resume<String> quiet = resume("/topic/a", EPOCH, last);
		assertThat(quiet.outcome()).as("nothing was published since: recovered, not a reload")
			.isEqualTo(Outcome.RECOVERED);
		assertThat(quiet.replay()).isEmpty();
	}

	@Test
	void keepsAForgottenTopicsLastOffsetSoAQuietTopicStillRecovers() {
		long before = append("/topic/a", "1");
		long last = append("/topic/a", "2");
		this.clock.addAndGet(Duration.ofMinutes(12).toMillis());
		this.history.sweep();
		assertThat(this.history.topics()).isZero();
		assertThat(this.history.position("/topic/a").offset()).isEqualTo(last);
		assertThat(resume("/topic/a", EPOCH, last).outcome()).isEqualTo(Outcome.RECOVERED);
		assertThat(resume("/topic/a", EPOCH, before).outcome()).isEqualTo(Outcome.TOO_OLD);
	}

	@Test
	void forgetsTopicsThatWereOnlyAskedAbout() {
		append("/topic/a", "1");
		Position position = this.history.position("/topic/never");
		assertThat(resume("/topic/never", EPOCH, position.offset()).outcome()).isEqualTo(Outcome.RECOVERED);
		this.history.sweep();
		assertThat(this.history.topics()).isEqualTo(1);
	}

	@Test
	void dropsTheOldestMessagesOfAnyTopicPastTheMemoryBudget() {
		this.history = history(100, Duration.ofMinutes(1), Duration.ofMinutes(10), DataSize.ofBytes(1000), 100,
				DataSize.ofMegabytes(1));
		long a1 = append("/topic/a", "a1", 300);
		long b1 = append("/topic/b", "b1", 300);
		append("/topic/a", "a2", 300);
		assertThat(this.history.bytes()).isEqualTo(900);
		append("/topic/b", "b2", 300);
		assertThat(this.history.bytes()).isEqualTo(900);
		assertThat(this.history.messages()).isEqualTo(3);
		assertThat(resume("/topic/a", EPOCH, a1 - 1).outcome()).isEqualTo(Outcome.TOO_OLD);
		assertThat(resume("/topic/a", EPOCH, a1).replay()).extracting(Retained::message).containsExactly("a2");
		assertThat(resume("/topic/b", EPOCH, b1 - 1).replay()).extracting(Retained::message)
			.containsExactly("b1", "b2");
	}

	@Test
	void givesBackTheBytesOfMessagesATopicDrops() {
		for (int i = 0; i < 5000; i++) {
			append("/topic/a", "m" + i, 10);
		}
		assertThat(this.history.messages()).isEqualTo(3);
		assertThat(this.history.bytes()).isEqualTo(30);
	}

	@Test
	void forgetsTheLeastRecentlyActiveTopicsPastTheirNumber() {
		this.history = new History<>(new HistoryProperties(true, 100, Duration.ofMinutes(1), Duration.ofMinutes(10),
				DataSize.ofMegabytes(1), 2, 100, DataSize.ofMegabytes(1)), true, this.clock::get, EPOCH);
		long a = append("/topic/a", "a");
		this.clock.incrementAndGet();
		append("/topic/b", "b");
		this.clock.incrementAndGet();
		append("/topic/c", "c");
		this.history.sweep();
		assertThat(this.history.topics()).isEqualTo(2);
		assertThat(this.history.messages()).isEqualTo(2);
		assertThat(this.history.position("/topic/a").offset()).as("kept in its bucket").isEqualTo(a);
		assertThat(resume("/topic/a", EPOCH, a - 1).outcome()).isEqualTo(Outcome.TOO_OLD);
		assertThat(resume("/topic/a", EPOCH, a).outcome()).isEqualTo(Outcome.RECOVERED);
	}

	@Test
	void answersTooManyPastTheReplayBounds() {
		this.history = history(100, Duration.ofMinutes(1), Duration.ofMinutes(10), DataSize.ofMegabytes(1), 2,
				DataSize.ofBytes(250));
		long first = append("/topic/a", "1", 100);
		append("/topic/a", "2", 100);
		append("/topic/a", "3", 100);
		assertThat(resume("/topic/a", EPOCH, first).outcome()).isEqualTo(Outcome.RECOVERED);
		assertThat(resume("/topic/a", EPOCH, first - 1).outcome()).as("three messages").isEqualTo(Outcome.TOO_MANY);
		append("/topic/b", "big", 200);
		long b = append("/topic/b", "big", 200);
		assertThat(resume("/topic/b", EPOCH, b - 2).outcome()).as("400 bytes").isEqualTo(Outcome.TOO_MANY);
		assertThat(resume("/topic/b", EPOCH, b - 2).replay()).isEmpty();
	}

	@Test
	void answersEpochForAnotherHistoryOrAnOffsetItNeverGave() {
		long offset = append("/topic/a", "1");
		assertThat(resume("/topic/a", "other", offset).outcome()).isEqualTo(Outcome.EPOCH);
		assertThat(resume("/topic/a", EPOCH, offset + 1).outcome()).isEqualTo(Outcome.EPOCH);
		assertThat(resume("/topic/a", EPOCH, offset).position()).isEqualTo(new Position(EPOCH, offset));
	}

	@Test
	void countsOutcomes() {
		long offset = append("/topic/a", "1");
		resume("/topic/a", EPOCH, offset);
		resume("/topic/a", "other", offset);
		assertThat(this.history.resumes(Outcome.RECOVERED)).isOne();
		assertThat(this.history.resumes(Outcome.EPOCH)).isOne();
		assertThat(this.history.resumes(Outcome.TOO_OLD)).isZero();
	}

	@Test
	void newEpochsAreRandom() {
		HistoryProperties properties = properties(3, Duration.ofMinutes(1), Duration.ofMinutes(1),
				DataSize.ofMegabytes(1), 1, DataSize.ofMegabytes(1));
		assertThat(new History<>(properties, true, this.clock::get).epoch())
			.isNotEqualTo(new History<>(properties, true, this.clock::get).epoch())
			.hasSize(16);
	}

	private long append(String destination, String message) {
		return append(destination, message, 10);
	}

	private long append(String destination, String message, int bytes) {
		return this.history.withTopic(destination, (topic) -> topic.append(message, bytes).offset());
	}

	private Resume<String> resume(String destination, String epoch, long after) {
		return this.history.withTopic(destination, (topic) -> topic.resume(epoch, after));
	}

	private History<String> history(int size, Duration ttl, Duration metaTtl, DataSize memory, int replayMessages,
			DataSize replayBytes) {
		return new History<>(properties(size, ttl, metaTtl, memory, replayMessages, replayBytes), true, this.clock::get,
				EPOCH);
	}

	private static HistoryProperties properties(int size, Duration ttl, Duration metaTtl, DataSize memory,
			int replayMessages, DataSize replayBytes) {
		return new HistoryProperties(true, size, ttl, metaTtl, memory, 100_000, replayMessages, replayBytes);
	}

}
