package io.railside.testpage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.railside.security.TestTokens;

import org.springframework.core.io.ClassPathResource;

/**
 * Plays the Rails app around the browser tests' clients: it serves a page with what the
 * app's layout would render and the packages as npm installed them. For the README's
 * stompjs module it also serves the module and the {@code realtime_tokens} action, which
 * mints a fresh token on each request; for the Action Cable clients, a page of
 * {@code testpage/cable} with the values its views would fill in.
 */
final class RailsStandIn implements AutoCloseable {

	static final String CSRF_TOKEN = "csrf-token-of-the-signed-in-user";

	private final HttpServer server;

	private final List<String> tokenRequests = new CopyOnWriteArrayList<>();

	private final AtomicInteger failures = new AtomicInteger();

	private RailsStandIn(HttpServer server) {
		this.server = server;
	}

	/**
	 * Serve the page on a free loopback port.
	 * @param railsideUrl the STOMP endpoint the page names
	 * @param module the text of {@code /realtime.js}
	 * @param nodeModules where npm installed the packages
	 */
	static RailsStandIn start(String railsideUrl, String module, Path nodeModules) throws IOException {
		RailsStandIn app = create(nodeModules);
		String page = resource("readme/index.html").replace("{{csrf-token}}", CSRF_TOKEN)
			.replace("{{railside-url}}", railsideUrl);
		app.server.createContext("/", (exchange) -> send(exchange, 200, "text/html", page));
		app.server.createContext("/harness.js",
				(exchange) -> send(exchange, 200, "text/javascript", resource("readme/harness.js")));
		app.server.createContext("/realtime.js", (exchange) -> send(exchange, 200, "text/javascript", module));
		app.server.createContext("/realtime_tokens", app::token);
		app.server.start();
		return app;
	}

	/**
	 * Serve a page of {@code testpage/cable} on a free loopback port.
	 * @param page the page's file name
	 * @param values what each {@code {{name}}} in the page stands for
	 * @param nodeModules where npm installed the packages
	 */
	static RailsStandIn serving(String page, Map<String, String> values, Path nodeModules) throws IOException {
		RailsStandIn app = create(nodeModules);
		String html = resource("cable/" + page);
		for (Map.Entry<String, String> value : values.entrySet()) {
			html = html.replace("{{" + value.getKey() + "}}", value.getValue());
		}
		String rendered = html;
		app.server.createContext("/", (exchange) -> send(exchange, 200, "text/html", rendered));
		app.server.start();
		return app;
	}

	private static RailsStandIn create(Path nodeModules) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		RailsStandIn app = new RailsStandIn(server);
		Path packages = nodeModules.toAbsolutePath().normalize();
		server.createContext("/node_modules/", (exchange) -> app.installed(exchange, packages));
		return app;
	}

	String url() {
		return "http://localhost:" + this.server.getAddress().getPort() + "/";
	}

	/**
	 * Returns the {@code X-CSRF-Token} header of each token request so far.
	 */
	List<String> tokenRequests() {
		return List.copyOf(this.tokenRequests);
	}

	/**
	 * Answer the next token request with a 503, as an app being deployed would.
	 */
	void failNextTokenRequest() {
		this.failures.incrementAndGet();
	}

	private void token(HttpExchange exchange) throws IOException {
		if (!"POST".equals(exchange.getRequestMethod())) {
			send(exchange, 405, "text/plain", "POST only");
			return;
		}
		this.tokenRequests.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-CSRF-Token")));
		if (this.failures.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
			send(exchange, 503, "text/html", "<h1>Service Unavailable</h1>");
			return;
		}
		String token = TestTokens.hs256(TestTokens.claims("reader")
			.claim("subscribe", List.of("orders.**"))
			.claim("publish", List.of("orders.**")));
		send(exchange, 200, "application/json", "{\"token\": \"" + token + "\"}");
	}

	private void installed(HttpExchange exchange, Path nodeModules) throws IOException {
		String path = exchange.getRequestURI().getPath().substring("/node_modules/".length());
		Path file = nodeModules.resolve(path).normalize();
		if (!file.startsWith(nodeModules) || !Files.isRegularFile(file)) {
			send(exchange, 404, "text/plain", "not found");
			return;
		}
		send(exchange, 200, "text/javascript", Files.readString(file));
	}

	private static String resource(String name) throws IOException {
		return new ClassPathResource("testpage/" + name).getContentAsString(StandardCharsets.UTF_8);
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
