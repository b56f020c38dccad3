package io.railside.server;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Sizes Tomcat's per-connection buffers for many mostly idle WebSocket sessions rather
 * than for bulk HTTP: with Tomcat's defaults (8 KiB each for the socket's read and write
 * buffers and for WebSocket's frame input, output and encoder buffers) the buffers alone
 * cost 40 KiB per held session. Larger messages still pass, in more reads and in several
 * WebSocket frames.
 */
class ConnectionBuffers implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	/**
	 * Bytes of each of Tomcat's per-connection socket and WebSocket buffers.
	 */
	static final int SIZE = 1024;

	/**
	 * The system property from which Tomcat's WebSocket implementation sizes its frame
	 * buffers, once, when it is first used.
	 */
	static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
			System.setProperty(WEBSOCKET_BUFFER_PROPERTY, Integer.toString(SIZE));
		}
		factory.addConnectorCustomizers(socketBuffers());
	}

	private static TomcatConnectorCustomizer socketBuffers() {
		return (connector) -> {
			connector.setProperty("socket.appReadBufSize", Integer.toString(SIZE));
			connector.setProperty("socket.appWriteBufSize", Integer.toString(SIZE));
		};
	}

	/**
	 * Before {@link HttpConnectorConfiguration} copies the connector customizers to the
	 * plain connector.
	 */
	@Override
	public int getOrder() {
		return 0;
	}

}
