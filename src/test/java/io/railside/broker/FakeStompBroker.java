package io.railside.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.BufferingStompDecoder;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.fail;

/**
 * A stand-in for RabbitMQ's STOMP port that answers CONNECT and receipts and records
 * every frame the relay sends it, so that a test sees exactly which headers leave
 * Railside. Its first connection is the relay's own ("system") one; every later one is a
 * client's.
 */
final class FakeStompBroker implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ServerSocket server;

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "fake-stomp-broker");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicInteger connections = new AtomicInteger();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final BlockingQueue<Relayed> frames = new LinkedBlockingQueue<>();

	private FakeStompBroker(ServerSocket server) {
		this.server = server;
	}

	static FakeStompBroker start() throws IOException {
		FakeStompBroker broker = new FakeStompBroker(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
		broker.executor.execute(broker::accept);
		return broker;
	}

	String host() {
		return this.server.getInetAddress().getHostAddress();
	}

	int port() {
		return this.server.getLocalPort();
	}

	/**
	 * The next frame a client's connection relayed with the given command; frames of the
	 * relay's own connection, and others before it, are passed over.
	 * @param command the command
	 * @return the frame as the broker received it
	 */
	StompHeaderAccessor awaitClientFrame(StompCommand command) {
		return awaitFrame((relayed) -> relayed.connection() > 1 && relayed.frame().getCommand() == command);
	}

	private StompHeaderAccessor awaitFrame(Predicate<Relayed> wanted) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		try {
			while (true) {
				Relayed relayed = this.frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (relayed == null) {
					fail("The broker received no such frame within " + TIMEOUT);
				}
				if (wanted.test(relayed)) {
					return relayed.frame();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.sockets.add(socket);
				int connection = this.connections.incrementAndGet();
				this.executor.execute(() -> serve(socket, connection));
			}
			catch (IOException ex) {
				// Closed.
			}
		}
	}

	private void serve(Socket socket, int connection) {
		BufferingStompDecoder decoder = new BufferingStompDecoder(new StompDecoder(), 1024 * 1024);
		byte[] buffer = new byte[8192];
		try (InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
			for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
				for (Message<byte[]> message : decoder.decode(ByteBuffer.wrap(buffer, 0, read))) {
					StompHeaderAccessor frame = StompHeaderAccessor.wrap(message);
					if (!frame.isHeartbeat()) {
						this.frames.add(new Relayed(connection, frame));
						answer(frame, out);
					}
				}
			}
		}
		catch (IOException ex) {
			// The relay closed the connection, or the broker was closed.
		}
	}

	private static void answer(StompHeaderAccessor frame, OutputStream out) throws IOException {
		if (frame.getCommand() == StompCommand.CONNECT || frame.getCommand() == StompCommand.STOMP) {
			write(out, "CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0");
		}
		else if (frame.getReceipt() != null) {
			write(out, "RECEIPT\nreceipt-id:" + frame.getReceipt() + "\n\n\0");
		}
	}

	private static void write(OutputStream out, String frame) throws IOException {
		out.write(frame.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
		this.executor.shutdownNow();
	}

	private record Relayed(int connection, StompHeaderAccessor frame) {

	}

}
