package io.railside.sockjs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SockJS over HTTP as an attacker speaks it: plain POSTs with the JDK's client, and a
 * bare socket for bodies no client library would send (a {@code Content-Length} with no
 * body behind it, a chunked body that does not end).
 */
final class SockJsHttp {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final int CHUNK = 16 * 1024;

	private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\\r\\ncontent-length: *(\\d+)");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final int port;

	SockJsHttp(int port) {
		this.port = port;
	}

	/**
	 * POST to a path of the SockJS endpoint.
	 * @param path the path after {@code /sockjs}, as it goes on the wire
	 * @param body the body
	 * @return the response
	 */
	HttpResponse<String> post(String path, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/sockjs" + path))
			.timeout(TIMEOUT)
			.header("Content-Type", "text/plain;charset=UTF-8")
			.POST(BodyPublishers.ofString(body))
			.build();
		try {
			return this.http.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Open an xhr-polling session with a plain POST, and leave it without a request.
	 * @param sessionId the session id
	 * @return the response: 200 with SockJS's open frame, or a refusal
	 */
	HttpResponse<String> open(String sessionId) {
		return poll(sessionId);
	}

	/**
	 * Poll an xhr-polling session for what waits for it (the same request opens a session
	 * whose id is new).
	 * @param sessionId the session id
	 * @return the response: 200 with SockJS frames, or a refusal
	 */
	HttpResponse<String> poll(String sessionId) {
		return post("/000/" + sessionId + "/xhr", "");
	}

	/**
	 * Send STOMP frames to a session, as SockJS clients do: a JSON array of strings.
	 * @param sessionId the session id
	 * @param frames the frames
	 * @return the response
	 */
	HttpResponse<String> send(String sessionId, String... frames) {
		StringBuilder json = new StringBuilder("[");
		for (String frame : frames) {
			json.append((json.length() > 1) ? "," : "").append(quote(frame));
		}
		return post("/000/" + sessionId + "/xhr_send", json.append(']').toString());
	}

	/**
	 * A JSON string as sockjs-client writes it: control characters escaped as unicode
	 * escapes, six bytes each.
	 * @param text the text
	 * @return the quoted text
	 */
	static String quote(String text) {
		StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
		for (char c : text.toCharArray()) {
			if (c < 0x20) {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else if (c == '"' || c == '\\') {
				quoted.append('\\').append(c);
			}
			else {
				quoted.append(c);
			}
		}
		return quoted.append('"').toString();
	}

	/**
	 * Start an {@code xhr_send} on a bare socket and write its body in 16 KiB parts,
	 * looking for the server's answer after each, until the server answers, closes, or
	 * {@code most} bytes are out.
	 * @param sessionId the session id
	 * @param contentLength the {@code Content-Length} to declare, or -1 to send chunked
	 * @param most the most body bytes to write
	 * @return what the server answered and how much of the body went out before
	 */
	Streamed stream(String sessionId, long contentLength, long most) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> readAnswer(socket),
					(reader) -> new Thread(reader, "sockjs-answer").start());
			OutputStream out = socket.getOutputStream();
			out.write(head(sessionId, contentLength).getBytes(StandardCharsets.US_ASCII));
			out.flush();
			long sent = 0;
			byte[] part = "a".repeat(CHUNK).getBytes(StandardCharsets.US_ASCII);
			try {
				while (sent < most && !answered(answer, Duration.ofMillis(5))) {
					writePart(out, part, contentLength < 0);
					sent += part.length;
				}
			}
			catch (IOException ex) {
				// The server closed the connection: its answer is what counts
			}
			return new Streamed(await(answer), sent);
		}
	}

	private String head(String sessionId, long contentLength) {
		return "POST /sockjs/000/" + sessionId + "/xhr_send HTTP/1.1\r\nHost: 127.0.0.1:" + this.port
				+ "\r\nContent-Type: text/plain;charset=UTF-8\r\n"
				+ ((contentLength < 0) ? "Transfer-Encoding: chunked" : "Content-Length: " + contentLength)
				+ "\r\n\r\n";
	}

	private static void writePart(OutputStream out, byte[] part, boolean chunked) throws IOException {
		if (chunked) {
			out.write((Integer.toHexString(part.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		}
		out.write(part);
		if (chunked) {
			out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		out.flush();
	}

	private static boolean answered(CompletableFuture<String> answer, Duration wait) {
		try {
			answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String await(CompletableFuture<String> answer) {
		assertThat(answered(answer, TIMEOUT)).as("the server answered").isTrue();
		return answer.join();
	}

	/**
	 * Read one answer: the head, then as much body as its {@code Content-Length} says
	 * (Tomcat keeps reading and dropping what is left of a refused body, so the
	 * connection need not close at once).
	 */
	private static String readAnswer(Socket socket) {
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		try {
			InputStream in = socket.getInputStream();
			while (!complete(read.toString(StandardCharsets.UTF_8))) {
				int next = in.read();
				if (next < 0) {
					break;
				}
				read.write(next);
			}
		}
		catch (IOException ex) {
			// Reset after the answer: keep what arrived
		}
		return read.toString(StandardCharsets.UTF_8);
	}

	private static boolean complete(String answer) {
		int head = answer.indexOf("\r\n\r\n");
		if (head < 0) {
			return false;
		}
		Matcher length = CONTENT_LENGTH.matcher(answer.substring(0, head));
		return length.find() && answer.length() - head - 4 >= Integer.parseInt(length.group(1));
	}

	/**
	 * What became of a streamed body.
	 *
	 * @param answer the server's whole answer, status line first
	 * @param sent how many body bytes were written before it came
	 */
	record Streamed(String answer, long sent) {

		int status() {
			return Integer.parseInt(this.answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
		}

		String body() {
			return this.answer.substring(this.answer.indexOf("\r\n\r\n") + 4);
		}

	}

}
