package io.railside.stomp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

/**
 * Checks that the session runs every task waiting for room in its send buffer once the
 * writing thread has emptied it: several replays may wait on one session at once.
 */
@Timeout(10)
class DrainBeforeCloseSessionTests {

	private final CountDownLatch writing = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	@Test
	void runsEveryWaitingTaskOnceTheWriterHasEmptiedTheBuffer() throws Exception {
		WebSocketSession delegate = mock(WebSocketSession.class);
		given(delegate.getId()).willReturn("s");
		given(delegate.isOpen()).willReturn(true);
		willAnswer((invocation) -> {
			if (this.writing.getCount() > 0) {
				this.writing.countDown();
				this.release.await(5, TimeUnit.SECONDS);
			}
			return null;
		}).given(delegate).sendMessage(any(WebSocketMessage.class));
		DrainBeforeCloseSession session = new DrainBeforeCloseSession(delegate, 10_000, 1024 * 1024, 0);
		CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> send(session, "first"));
		assertThat(this.writing.await(5, TimeUnit.SECONDS)).isTrue();
		send(session, "second, buffered behind the first");
		List<String> ran = new CopyOnWriteArrayList<>();
		session.whenRoom(() -> ran.add("replay of one topic"));
		session.whenRoom(() -> ran.add("replay of another"));
		assertThat(ran).as("the buffer holds the second message").isEmpty();
		this.release.countDown();
		writer.get(5, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(ran).containsExactly("replay of one topic", "replay of another"));
	}

	private static void send(DrainBeforeCloseSession session, String text) {
		try {
			session.sendMessage(new TextMessage(text));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
