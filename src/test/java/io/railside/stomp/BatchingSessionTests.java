package io.railside.stomp;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.Context;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.WsRemoteEndpointBase;
import org.apache.tomcat.websocket.WsRemoteEndpointImplBase;
import org.apache.tomcat.websocket.server.WsSci;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.messaging.Message;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketHandlerAdapter;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * Batches on a real Tomcat: while a session's outbox writes its frames in batches,
 * another thread writes to the same session (as receipts and pings are written), and
 * every frame of each arrives, in the order it was sent; the outbox did write batches. A
 * batch fits in Tomcat's output buffer, and a client that stopped reading is closed at
 * once, not after Tomcat's 20 s for a blocked write.
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
	}

	/**
	 * Connect a client.
	 * @param listener the client
	 * @return the session on the server's side
	 */
	private WebSocketSession connect(WebSocket.Listener listener) throws Exception {
		HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + this.tomcat.getConnector().getLocalPort() + "/frames"), listener)
			.get(WAIT_SECONDS, TimeUnit.SECONDS);
		WebSocketSession session = this.sessions.poll(WAIT_SECONDS, TimeUnit.SECONDS);
		assertThat(session).as("the server's session").isNotNull();
		return session;
	}

	@AfterEach
	void stop() throws Exception {
		this.executor.shutdownNow();
		this.tomcat.stop();
		this.tomcat.destroy();
	}

	@Test
	void framesOfTheOutboxAndOfOtherWritersArriveAllInOrder() throws Exception {
		DrainBeforeCloseSession session = new DrainBeforeCloseSession(BatchingSession.decorate(connect(new Client())),
				10_000, 64 * 1024 * 1024, 0);
		assertThat(session.batchBytes()).isPositive();
		AtomicInteger batches = new AtomicInteger();
		SessionOutbox outbox = outbox(session, batches);
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

	@Test
	void aBatchFitsInTheContainersOutputBuffer() throws Exception {
		WebSocketSession raw = connect(new Client());
		BatchingSession session = (BatchingSession) BatchingSession.decorate(raw);
		// Tomcat's own buffer, read from its internals: the bound no batch may pass, or a
		// write would block with batching on (org.apache.tomcat.websocket.Constants).
		Object remote = ((StandardWebSocketSession) raw).getNativeSession().getBasicRemote();
		Field base = WsRemoteEndpointBase.class.getDeclaredField("base");
		base.setAccessible(true);
		Field buffer = WsRemoteEndpointImplBase.class.getDeclaredField("outputBuffer");
		buffer.setAccessible(true);
		int capacity = ((ByteBuffer) buffer.get(base.get(remote))).capacity();
		assertThat(session.batchBytes()).isPositive()
			.isLessThanOrEqualTo(capacity - BatchingSession.CONTROL_FRAME_BYTES);
	}

	@Test
	void broadcastFramesGoToTomcatAsTheirBytesAndArriveWhole() throws Exception {
		BatchingSession batching = (BatchingSession) BatchingSession.decorate(connect(new Client()));
		// Pins the Tomcat method TomcatText calls; without it, frames go as strings.
		assertThat(batching.sendsBytes()).isTrue();
		assertThat(batching.sendTimeoutMillis()).isEqualTo(20_000);
		assertFramesArriveWhole(new DrainBeforeCloseSession(batching, 10_000, 64 * 1024 * 1024, 0));
		batching.close(CloseStatus.SESSION_NOT_RELIABLE);
		assertThat(batching.sendTimeoutMillis()).as("the abnormal close's timeout").isEqualTo(50);
	}

	@Test
	void broadcastFramesArriveWholeWithPermessageDeflate() throws Exception {
		WebSocketContainer client = ContainerProvider.getWebSocketContainer();
		ClientEndpointConfig config = ClientEndpointConfig.Builder.create().extensions(List.of(new Extension() {

			@Override
			public String getName() {
				return "permessage-deflate";
			}

			@Override
			public List<Parameter> getParameters() {
				return List.of();
			}

		})).build();
		Session clientSession = client.connectToServer(new Endpoint() {

			@Override
			public void onOpen(Session session, EndpointConfig endpointConfig) {
				session.setMaxTextMessageBufferSize(1024 * 1024);
				session.addMessageHandler(String.class, BatchingSessionTests.this.received::add);
			}

		}, config, URI.create("ws://127.0.0.1:" + this.tomcat.getConnector().getLocalPort() + "/frames"));
		try {
			assertThat(clientSession.getNegotiatedExtensions()).extracting(Extension::getName)
				.containsExactly("permessage-deflate");
			WebSocketSession raw = this.sessions.poll(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(raw).as("the server's session").isNotNull();
			assertFramesArriveWhole(
					new DrainBeforeCloseSession(BatchingSession.decorate(raw), 10_000, 64 * 1024 * 1024, 0));
		}
		finally {
			clientSession.close();
		}
	}

	/**
	 * Frames written as batches of one and of several, some not ASCII, one larger than
	 * Tomcat's buffers (which goes as a string, in fragments, as before), arrive whole
	 * and in order.
	 */
	private void assertFramesArriveWhole(DrainBeforeCloseSession session) throws Exception {
		List<String> frames = new ArrayList<>();
		frames.add("MESSAGE\nsubscription:0\n\nh\u00e9llo \u2713 \ud83c\udf89\u0000");
		// Larger than Tomcat's buffers, and compressed too: letters drawn at random.
		frames.add(new Random(42).ints(200 * 1024, 'a', 'z' + 1)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "\u00e9");
		for (int i = 0; i < 10; i++) {
			frames.add("batched " + i + " \u00fc");
		}
		session.sendMessage(batch(frames.subList(0, 1)));
		session.sendMessage(batch(frames.subList(1, 2)));
		session.sendMessage(batch(frames.subList(2, frames.size())));
		for (String frame : frames) {
			String message = this.received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(message).as("a frame of %d chars", frame.length()).isEqualTo(frame);
		}
	}

	private static BatchingSession.Batch batch(List<String> texts) {
		List<TextMessage> frames = texts.stream()
			.map((text) -> new TextMessage(text.getBytes(StandardCharsets.UTF_8)))
			.toList();
		return new BatchingSession.Batch(frames, frames.stream().mapToInt(TextMessage::getPayloadLength).sum());
	}

	@Test
	void aClientThatStopsReadingIsClosedAtOnceWhileFramesAreBatched() throws Exception {
		DrainBeforeCloseSession session = new DrainBeforeCloseSession(BatchingSession.decorate(connect(new Stalled())),
				60_000, 64 * 1024 * 1024, 0);
		AtomicInteger batches = new AtomicInteger();
		SessionOutbox outbox = outbox(session, batches);
		// Four frames fill a batch: whatever the buffer, batches are as full as they get.
		String frame = "x".repeat(session.batchBytes() / 4 - BatchingSession.Batch.HEADER_BYTES);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
		// Until the kernel's buffers are full and a write has been blocked for a second.
		while (session.getTimeSinceSendStarted() < 1000 && System.nanoTime() < deadline) {
			if (outbox.queuedBytes() < 1024 * 1024) {
				for (int i = 0; i < 100; i++) {
					outbox.sendFrame(new TextMessage(frame), false);
				}
			}
			Thread.sleep(1);
		}
		assertThat(session.getTimeSinceSendStarted()).as("ms a write has been blocked").isGreaterThanOrEqualTo(1000);
		assertThat(batches).as("batches written").hasPositiveValue();
		long start = System.nanoTime();
		session.close(CloseStatus.SESSION_NOT_RELIABLE);
		long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		// Tomcat gives a blocked write 20 s, an abnormal close's frame a few ms; a close
		// that finds a batch open waits for the first.
		assertThat(took).as("ms the close took").isLessThan(5_000);
		assertThat(session.isOpen()).isFalse();
	}

	@Test
	void aCloseThatIsNotNormalGivesTheFlushTomcatsShortTimeoutAndNoBatchFollowsIt() throws Exception {
		for (CloseStatus status : List.of(CloseStatus.SESSION_NOT_RELIABLE, CloseStatus.NORMAL)) {
			Map<String, Object> properties = new HashMap<>();
			RemoteEndpoint.Basic remote = mock(RemoteEndpoint.Basic.class);
			StandardWebSocketSession standard = standardSession(properties, remote);
			BatchingSession session = (BatchingSession) BatchingSession.decorate(standard);
			session.close(status);
			then(standard).should().close(status);
			session.sendMessage(new BatchingSession.Batch(List.of(new TextMessage("a"), new TextMessage("b")), 2));
			then(standard).should(never()).sendMessage(any());
			then(remote).should(never()).setBatchingAllowed(true);
			if (status.equals(CloseStatus.NORMAL)) {
				assertThat(properties).isEmpty();
			}
			else {
				assertThat(properties).containsEntry(BatchingSession.BLOCKING_SEND_TIMEOUT_PROPERTY, 50L);
			}
		}
	}

	@Test
	void aCloseWaitsForABatchUnderWayAndNoLongerThanAnAbnormalClosesFrame() throws Exception {
		for (long closeMillis : List.of(10_000L, 50L)) {
			Map<String, Object> properties = new HashMap<>();
			properties.put(BatchingSession.ABNORMAL_CLOSE_TIMEOUT_PROPERTY, closeMillis);
			RemoteEndpoint.Basic remote = mock(RemoteEndpoint.Basic.class);
			StandardWebSocketSession standard = standardSession(properties, remote);
			Queue<String> events = new ConcurrentLinkedQueue<>();
			CountDownLatch flushing = new CountDownLatch(1);
			CountDownLatch flushed = new CountDownLatch(1);
			willAnswer((invocation) -> {
				if (!(boolean) invocation.getArgument(0)) {
					// The flush, blocked on a client that does not read.
					flushing.countDown();
					flushed.await(WAIT_SECONDS, TimeUnit.SECONDS);
					events.add("flushed");
				}
				return null;
			}).given(remote).setBatchingAllowed(anyBoolean());
			willAnswer((invocation) -> events.add("closed")).given(standard).close(any());
			BatchingSession session = (BatchingSession) BatchingSession.decorate(standard);
			Future<?> writing = this.executor.submit(() -> {
				session.sendMessage(new BatchingSession.Batch(List.of(new TextMessage("a"), new TextMessage("b")), 2));
				return null;
			});
			assertThat(flushing.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			Future<?> closing = this.executor.submit(() -> {
				session.close(CloseStatus.SESSION_NOT_RELIABLE);
				return null;
			});
			if (closeMillis > 1000) {
				then(standard).should(after(300).never()).close(any());
				flushed.countDown();
				closing.get(WAIT_SECONDS, TimeUnit.SECONDS);
				assertThat(events).as("the close frame after the batch").containsExactly("flushed", "closed");
			}
			else {
				closing.get(WAIT_SECONDS, TimeUnit.SECONDS);
				assertThat(events).as("the close while the flush is blocked").containsExactly("closed");
				flushed.countDown();
			}
			writing.get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
	}

	/**
	 * A session as Spring makes it for Tomcat's, both mocks.
	 */
	private static StandardWebSocketSession standardSession(Map<String, Object> properties,
			RemoteEndpoint.Basic remote) {
		Session nativeSession = mock(Session.class);
		given(nativeSession.getUserProperties()).willReturn(properties);
		given(nativeSession.getBasicRemote()).willReturn(remote);
		StandardWebSocketSession standard = mock(StandardWebSocketSession.class);
		given(standard.getNativeSession()).willReturn(nativeSession);
		return standard;
	}

	private SessionOutbox outbox(DrainBeforeCloseSession session, AtomicInteger batches) {
		return new SessionOutbox(session, this.executor, List.of(), new SessionOutbox.Writer() {

			@Override
			public void write(DrainBeforeCloseSession target, Message<?> message) {
				write(target, new TextMessage((String) message.getPayload()));
			}

			@Override
			public void write(DrainBeforeCloseSession target, WebSocketMessage<?> frame) {
				if (frame instanceof BatchingSession.Batch batch && batch.frames().size() > 1) {
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

	/**
	 * A client that reads nothing.
	 */
	private static final class Stalled implements WebSocket.Listener {

		@Override
		public void onOpen(WebSocket webSocket) {
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
