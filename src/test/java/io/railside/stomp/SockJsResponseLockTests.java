package io.railside.stomp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.sockjs.transport.SockJsServiceConfig;
import org.springframework.web.socket.sockjs.transport.session.PollingSockJsSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The lock Railside closes SockJS sessions under is the one Spring's sends take: while it
 * is held, a send waits. If Spring renamed its {@code responseLock}, this fails first.
 */
@Timeout(30)
class SockJsResponseLockTests {

	@Test
	void aSendWaitsWhileTheResponseLockIsHeld() throws Exception {
		SockJsServiceConfig config = mock(SockJsServiceConfig.class);
		given(config.getHttpMessageCacheSize()).willReturn(100);
		PollingSockJsSession session = new PollingSockJsSession("s1", config, new TextWebSocketHandler(), Map.of());
		Object lock = SockJsResponseLock.of(session);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch holding = new CountDownLatch(1);
		Thread holder = new Thread(() -> {
			synchronized (lock) {
				holding.countDown();
				awaitQuietly(release);
			}
		});
		holder.start();
		assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
			try {
				session.sendMessage(new TextMessage("waits"));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});

		assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> send.get(300, TimeUnit.MILLISECONDS));
		release.countDown();
		send.get(10, TimeUnit.SECONDS);
		holder.join(10_000);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
