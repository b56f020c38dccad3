package io.railside.stomp;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.railside.refusal.ProtocolRefusals;
import io.railside.refusal.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.SubProtocolHandler;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * A replay that falls too far behind cuts its session off from under its topic's lock;
 * the refusal, which writes to the session and closes it, runs on the outbound executor,
 * not on the thread that holds the lock.
 */
@Timeout(10)
class DrainingSubProtocolWebSocketHandlerTests {

	private final Queue<Runnable> outbound = new ConcurrentLinkedQueue<>();

	@Test
	void aSlowReplaysRefusalRunsOnTheOutboundExecutor() throws Exception {
		DrainingSubProtocolWebSocketHandler handler = new DrainingSubProtocolWebSocketHandler(
				mock(MessageChannel.class), new ExecutorSubscribableChannel(this.outbound::add),
				() -> mock(StompRefusals.class));
		RefusingHandler protocol = mock(RefusingHandler.class);
		given(protocol.getSupportedProtocols()).willReturn(List.of("actioncable-v1-json"));
		handler.addProtocolHandler(protocol);
		WebSocketSession session = mock(WebSocketSession.class);
		given(session.getId()).willReturn("slow");
		given(session.isOpen()).willReturn(true);
		given(session.getAcceptedProtocol()).willReturn("actioncable-v1-json");
		handler.afterConnectionEstablished(session);
		handler.cutOff("slow");
		then(protocol).should(never()).refuse(any(), any());
		Runnable task;
		while ((task = this.outbound.poll()) != null) {
			task.run();
		}
		then(protocol).should().refuse(any(WebSocketSession.class), any(Refusal.class));
	}

	interface RefusingHandler extends SubProtocolHandler, ProtocolRefusals {

	}

}
