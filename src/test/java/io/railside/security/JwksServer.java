package io.railside.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A JWKS endpoint on loopback, as an identity provider serves one: it counts the fetches,
 * and can be told to stop answering (accepting requests but never replying), as a
 * provider that hangs does.
 */
final class JwksServer implements AutoCloseable {

	private static final String PATH = "/.well-known/jwks.json";

	private final HttpServer server;

	private final byte[] body;

	private final AtomicInteger requests = new AtomicInteger();

	private final CountDownLatch released = new CountDownLatch(1);

	private volatile boolean hanging;

	private JwksServer(HttpServer server, byte[] body) {
		this.server = server;
		this.body = body;
	}

	/**
	 * Serve the public keys of a key set.
	 * @param keys the keys
	 * @return the running server
	 */
	static JwksServer start(JWKSet keys) {
		try {
			HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			JwksServer server = new JwksServer(http, keys.toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8));
			http.createContext(PATH, server::serve);
			http.setExecutor(Executors.newCachedThreadPool());
			http.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + PATH;
	}

	/**
	 * How many times the key set was requested.
	 * @return the count
	 */
	int requests() {
		return this.requests.get();
	}

	/**
	 * From now on, take requests and never answer them (until closed).
	 */
	void hang() {
		this.hanging = true;
	}

	private void serve(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		if (this.hanging) {
			try {
				this.released.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, this.body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(this.body);
		}
	}

	@Override
	public void close() {
		this.released.countDown();
		this.server.stop(0);
	}

}
