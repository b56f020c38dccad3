package io.railside.stomp;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;

import jakarta.websocket.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.websocket.WsRemoteEndpointBase;
import org.apache.tomcat.websocket.WsRemoteEndpointImplBase;
import org.jspecify.annotations.Nullable;

/**
 * Writes a text frame to a Tomcat WebSocket session as the UTF-8 bytes Railside already
 * holds. Jakarta WebSocket sends text only as a {@code String}: Tomcat encodes it again,
 * a character at a time (its encoder gets a buffer without an array), and reads the
 * blocking-send timeout from the session's user properties on every send, a map that is
 * cold in the cache when a broadcast reaches a thousand sessions. The two were a third of
 * the outbound threads' samples at 50,000 deliveries/s (bench/README.md, issue 13). This
 * calls Tomcat's package-private
 * {@code WsRemoteEndpointImplBase.sendMessageBlock(byte, ByteBuffer, boolean, long)}
 * (Tomcat 11.0), the blocking send its own close frame and binary messages go through,
 * whose last argument is a timeout in milliseconds. No public API does this (Jakarta
 * WebSocket has no text send from bytes) and no upstream issue asks for one.
 * {@code BatchingSessionTests} pins it against the Tomcat on the classpath, end to end;
 * where it is not found, {@link #of} returns {@code null} and frames go through
 * {@code sendText}.
 * <p>
 * Only for a whole message whose bytes are UTF-8, as a broadcast's copies are
 * ({@code FrameText.asSent}): the bytes go out as they are, as one frame. Writes must not
 * overlap, as Spring's session decorator above sees to; Tomcat's own pongs and close
 * frames wait for the write under way, as they do for {@code sendText}'s.
 */
final class TomcatText {

	private static final Log logger = LogFactory.getLog(TomcatText.class);

	private static final byte OPCODE_TEXT = 1;

	/** {@code WsRemoteEndpointBase.base}: the endpoint behind the session's remote. */
	private static final @Nullable MethodHandle ENDPOINT;

	/**
	 * {@code WsRemoteEndpointImplBase.sendMessageBlock(byte, ByteBuffer, boolean, long)}.
	 */
	private static final @Nullable MethodHandle SEND;

	static {
		MethodHandle endpoint = null;
		MethodHandle send = null;
		try {
			endpoint = MethodHandles.privateLookupIn(WsRemoteEndpointBase.class, MethodHandles.lookup())
				.findGetter(WsRemoteEndpointBase.class, "base", WsRemoteEndpointImplBase.class);
			send = MethodHandles.privateLookupIn(WsRemoteEndpointImplBase.class, MethodHandles.lookup())
				.findVirtual(WsRemoteEndpointImplBase.class, "sendMessageBlock",
						MethodType.methodType(void.class, byte.class, ByteBuffer.class, boolean.class, long.class));
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			logger.info("Text frames go to Tomcat as strings: its text send from bytes is not available (" + ex + ")");
			endpoint = null;
			send = null;
		}
		ENDPOINT = endpoint;
		SEND = send;
	}

	private final WsRemoteEndpointImplBase endpoint;

	private TomcatText(WsRemoteEndpointImplBase endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * The text writer of a Tomcat session.
	 * @param session the container's session, open
	 * @return its writer, or {@code null} if the session is not Tomcat's or this Tomcat
	 * has no such send
	 */
	static @Nullable TomcatText of(Session session) {
		if (ENDPOINT == null || SEND == null) {
			return null;
		}
		try {
			return (session.getBasicRemote() instanceof WsRemoteEndpointBase remote)
					? new TomcatText((WsRemoteEndpointImplBase) ENDPOINT.invokeExact(remote)) : null;
		}
		catch (Throwable ex) {
			logger.debug("No text send from bytes for " + session.getId(), ex);
			return null;
		}
	}

	/**
	 * Write one text frame, blocking as {@code sendText} does.
	 * @param utf8 the frame's payload, UTF-8
	 * @param timeoutMillis how long the write may take, as Tomcat's session property
	 * gives it (negative for no limit)
	 * @throws IOException when the write fails or times out (Tomcat then closes the
	 * session)
	 */
	void send(byte[] utf8, long timeoutMillis) throws IOException {
		try {
			SEND.invokeExact(this.endpoint, OPCODE_TEXT, ByteBuffer.wrap(utf8), true, timeoutMillis);
		}
		catch (IOException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IOException(ex);
		}
	}

}
