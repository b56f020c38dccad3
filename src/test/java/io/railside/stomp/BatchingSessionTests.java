package io.railside.stomp;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.Context;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.messaging.Message;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketHandlerAdapter;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batches on a real Tomcat: while a session's outbox writes its frames in batches,
 * another thread writes to the same session (as receipts and pings are written), and
 * every frame of each arrives, in the order it was sent; the outbox did write batches.
 */
@Timeout(60)
class BatchingSessionTests {

	private static final long WAIT_SECONDS = 20;

	@TempDir
	File baseDir;

	private final BlockingQueue<WebSocketSession> sessions = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private Tomcat tomcat;

	@BeforeEach
	void start() throws Exception {
		this.tomcat = new Tomcat();
		this.tomcat.setBaseDir(this.baseDir.getAbsolutePath());
		this.tomcat.setPort(0);
		this.tomcat.getConnector();
		Context context = this.tomcat.addContext("", this.baseDir.getAbsolutePath());
		context.addServletContainerInitializer(new WsSci(), null);
		Tomcat.addServlet(context, "default", new DefaultServlet());
		context.addServletMappingDecoded("/", "default");
		this.tomcat.start();
		ServerContainer container = (ServerContainer) context.getServletContext()
			.getAttribute(ServerContainer.class.getName());
		container.addEndpoint(ServerEndpointConfig.Builder.create(StandardWebSocketHandlerAdapter.class, "/frames")
			.configurator(new ServerEndpointConfig.Configurator() {
				@Override
				public <T> T getEndpointInstance(Class<T> endpointClass) {
					Endpoint endpoint = new StandardWebSocketHandlerAdapter(new Collect(),
							new StandardWebSocketSession(null, null, null, null));
					return endpointClass.cast(endpoint);
				}
			})
			.build());
		HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + this.tomcat.getConnector().getLocalPort() + "/frames"),
					new Client())
			.get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	@AfterEach
	void stop() throws Exception {
		this.executor.shutdownNow();
		this.tomcat.stop();
		this.tomcat.destroy();
	}

	@Test
	void framesOfTheOutboxAndOfOtherWritersArriveAllInOrder() throws Exception {
		WebSocketSession raw = this.sessions.poll(WAIT_SECONDS, TimeUnit.SECONDS);
		DrainBeforeCloseSession session = new DrainBeforeCloseSession(BatchingSession.decorate(raw), 10_000,
				64 * 1024 * 1024, 0);
		assertThat(session.batches()).isTrue();
		AtomicInteger batches = new AtomicInteger();
		SessionOutbox outbox = new SessionOutbox(session, this.executor, List.of(), new SessionOutbox.Writer() {

			@Override
			public void write(DrainBeforeCloseSession target, Message<?> message) {
				write(target, new TextMessage((String) message.getPayload()));
			}

			@Override
			public void write(DrainBeforeCloseSession target, WebSocketMessage<?> frame) {
				if (frame instanceof BatchingSession.Batch) {
					batches.incrementAndGet();
				}
				try {
					target.sendMessage(frame);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}

		});
		int frames = 20_000;
		int others = 2_000;
		Thread other = new Thread(() -> {
			for (int i = 0; i < others; i++) {
				try {
					session.sendMessage(new TextMessage("w" + i));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		});
		other.start();
		String padding = "x".repeat(200);
		for (int i = 0; i < frames; i++) {
			outbox.sendFrame(new TextMessage("o" + i + " " + padding), false);
		}
		other.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
		List<String> outboxFrames = new ArrayList<>();
		List<String> otherFrames = new ArrayList<>();
		for (int i = 0; i < frames + others; i++) {
			String message = this.received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(message).as("message %d of %d within %d s", i, frames + others, WAIT_SECONDS).isNotNull();
			(message.startsWith("o") ? outboxFrames : otherFrames).add(message.split(" ")[0]);
		}
		assertThat(outboxFrames).as("the outbox's frames, in order").containsExactlyElementsOf(numbered("o", frames));
		assertThat(otherFrames).as("the other writer's frames, in order")
			.containsExactlyElementsOf(numbered("w", others));
		assertThat(batches).as("batches written").hasPositiveValue();
	}

	private static List<String> numbered(String prefix, int count) {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			names.add(prefix + i);
		}
		return names;
	}

	private final class Collect extends AbstractWebSocketHandler {

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			BatchingSessionTests.this.sessions.add(session);
		}

	}

	private final class Client implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				BatchingSessionTests.this.received.add(this.text.toString());
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

	}

}
