package io.railside.stomp;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;

/**
 * Checks that a session's outbox writes what it is sent in order, one write at a time,
 * however many threads send and run its tasks, and cuts off a client that stopped reading
 * as Spring's session decorator would.
 */
@Timeout(30)
class SessionOutboxTests {

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final WebSocketSession delegate = mock(WebSocketSession.class);

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
	}

	@Test
	void writesInOrderOneAtATime() throws Exception {
		given(this.delegate.getId()).willReturn("s");
		given(this.delegate.isOpen()).willReturn(true);
		DrainBeforeCloseSession session = new DrainBeforeCloseSession(this.delegate, 10_000, 1024 * 1024, 0);
		AtomicInteger writing = new AtomicInteger();
		AtomicInteger overlaps = new AtomicInteger();
		Queue<String> written = new ConcurrentLinkedQueue<>();
		SessionOutbox outbox = new SessionOutbox(session, this.executor, List.of(), writer((text) -> {
			if (writing.incrementAndGet() > 1) {
				overlaps.incrementAndGet();
			}
			written.add(text);
			writing.decrementAndGet();
		}));
		int each = 20_000;
		Thread[] senders = new Thread[2];
		for (int t = 0; t < senders.length; t++) {
			String sender = "t" + t + "-";
			senders[t] = new Thread(() -> {
				for (int i = 0; i < each; i++) {
					if (i % 2 == 0) {
						outbox.send(MessageBuilder.withPayload(sender + i).build());
					}
					else {
						outbox.sendFrame(new TextMessage(sender + i), false);
					}
				}
			});
			senders[t].start();
		}
		for (Thread sender : senders) {
			sender.join(10_000);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 2 * each);
		assertThat(overlaps).hasValue(0);
		for (String sender : List.of("t0-", "t1-")) {
			assertThat(written.stream().filter((text) -> text.startsWith(sender)))
				.containsExactlyElementsOf(IntStream.range(0, each).mapToObj((i) -> sender + i).toList());
		}
	}

	@Test
	void writesFramesThatWaitAsOneBatch() throws Exception {
		Queue<String> log = new ConcurrentLinkedQueue<>();
		StandardWebSocketSession standard = mock(StandardWebSocketSession.class);
		given(standard.getId()).willReturn("s");
		given(standard.isOpen()).willReturn(true);
		given(standard.getNativeSession()).willReturn(mock(Session.class));
		DrainBeforeCloseSession session = new DrainBeforeCloseSession(BatchingSession.decorate(standard), 10_000,
				1024 * 1024, 0);
		Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
		SessionOutbox outbox = new SessionOutbox(session, tasks::add, List.of(), writer(log::add));
		outbox.sendFrame(new TextMessage("a"), false);
		outbox.sendFrame(new TextMessage("b"), false);
		outbox.send(MessageBuilder.withPayload("c").build());
		outbox.sendFrame(new TextMessage("d"), false);
		outbox.sendFrame(new TextMessage("e"), false);
		runAll(tasks);
		assertThat(log).as("a message Spring encodes goes alone")
			.containsExactly("batch of 2", "a", "b", "c", "batch of 2", "d", "e");
		log.clear();
		String large = "x".repeat(session.batchBytes() / 2);
		outbox.sendFrame(new TextMessage(large), false);
		outbox.sendFrame(new TextMessage(large), false);
		outbox.sendFrame(new TextMessage("f"), false);
		runAll(tasks);
		assertThat(log).as("a batch holds no more than the container's output buffer")
			.containsExactly("batch of 1", large, "batch of 2", large, "f");
		log.clear();
		outbox.sendFrame(new TextMessage("alone"), false);
		runAll(tasks);
		assertThat(log).as("one frame goes as a batch of one, which the session writes as its bytes")
			.containsExactly("batch of 1", "alone");
	}

	@Test
	void aSessionThatCannotBatchGetsFramesOneByOne() throws Exception {
		Queue<String> log = new ConcurrentLinkedQueue<>();
		given(this.delegate.getId()).willReturn("s");
		given(this.delegate.isOpen()).willReturn(true);
		DrainBeforeCloseSession session = new DrainBeforeCloseSession(BatchingSession.decorate(this.delegate), 10_000,
				1024 * 1024, 0);
		Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
		SessionOutbox outbox = new SessionOutbox(session, tasks::add, List.of(), writer(log::add));
		outbox.sendFrame(new TextMessage("a"), false);
		outbox.sendFrame(new TextMessage("b"), false);
		runAll(tasks);
		assertThat(log).containsExactly("a", "b");
	}

	private static void runAll(Queue<Runnable> tasks) {
		Runnable task;
		while ((task = tasks.poll()) != null) {
			task.run();
		}
	}

	@Test
	void cutsOffAClientThatStoppedReading() throws Exception {
		CountDownLatch stuck = new CountDownLatch(1);
		given(this.delegate.getId()).willReturn("s");
		given(this.delegate.isOpen()).willReturn(true);
		willAnswer((invocation) -> {
			// The client reads nothing: the first write never ends.
			stuck.countDown();
			Thread.currentThread().join(20_000);
			return null;
		}).given(this.delegate).sendMessage(any(WebSocketMessage.class));
		DrainBeforeCloseSession session = new DrainBeforeCloseSession(this.delegate, 60_000, 4096, 0);
		SessionOutbox outbox = new SessionOutbox(session, this.executor, List.of(), writer((text) -> {
			try {
				session.sendMessage(new TextMessage(text));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}));
		outbox.sendFrame(frame(1024), false);
		assertThat(stuck.await(5, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 4; i++) {
			outbox.send(MessageBuilder.withPayload(frame(1024)).build());
		}
		then(this.delegate).should(never()).close(any());
		outbox.sendFrame(frame(1024), false);
		assertThat(outbox.sendFrame(frame(1024), false)).as("nothing more is taken").isFalse();
		// Closed on the outbound executor, not on the sender's thread.
		then(this.delegate).should(timeout(5_000)).close(CloseStatus.SESSION_NOT_RELIABLE);
	}

	@Test
	void aReplaysNextPageWaitsForWhatTheOutboxHolds() throws Exception {
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		given(this.delegate.getId()).willReturn("s");
		given(this.delegate.isOpen()).willReturn(true);
		willAnswer((invocation) -> {
			writing.countDown();
			release.await(5, TimeUnit.SECONDS);
			return null;
		}).given(this.delegate).sendMessage(any(WebSocketMessage.class));
		DrainBeforeCloseSession session = new DrainBeforeCloseSession(this.delegate, 60_000, 64 * 1024, 1024);
		SessionOutbox outbox = new SessionOutbox(session, this.executor, List.of(), writer((text) -> {
			try {
				session.sendMessage(new TextMessage(text));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}));
		session.attach(outbox);
		outbox.sendFrame(frame(1024), false);
		assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
		outbox.sendFrame(frame(1024), false);
		outbox.sendFrame(frame(1024), false);
		CountDownLatch nextPage = new CountDownLatch(1);
		session.whenRoom(nextPage::countDown);
		assertThat(nextPage.getCount()).as("two frames wait in the outbox").isEqualTo(1);
		release.countDown();
		assertThat(nextPage.await(5, TimeUnit.SECONDS)).isTrue();
	}

	private static TextMessage frame(int bytes) {
		return new TextMessage(new byte[bytes]);
	}

	/**
	 * A writer that takes messages and frames alike, as text.
	 */
	private static SessionOutbox.Writer writer(Consumer<String> text) {
		return new SessionOutbox.Writer() {

			@Override
			public void write(DrainBeforeCloseSession session, Message<?> message) {
				Object payload = message.getPayload();
				text.accept((payload instanceof TextMessage frame) ? frame.getPayload() : (String) payload);
			}

			@Override
			public void write(DrainBeforeCloseSession session, WebSocketMessage<?> frame) {
				if (frame instanceof BatchingSession.Batch batch) {
					text.accept("batch of " + batch.frames().size());
					batch.frames().forEach((each) -> text.accept(each.getPayload()));
				}
				else {
					text.accept(((TextMessage) frame).getPayload());
				}
			}

		};
	}

}
