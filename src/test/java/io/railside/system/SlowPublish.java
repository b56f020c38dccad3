package io.railside.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A publish request held in flight: its headers and half its body are sent, so the server
 * is already handling it, and the rest follows when the test says. Plain socket I/O, as
 * no HTTP client lets a test hold a request half sent.
 */
final class SlowPublish implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Socket socket;

	private final byte[] body;

	private SlowPublish(Socket socket, byte[] body) {
		this.socket = socket;
		this.body = body;
	}

	/**
	 * Send the headers and the first half of the body.
	 * @param port the plain HTTP port
	 * @param token the publish token
	 * @param json the request body
	 * @return the request, in flight
	 * @throws IOException if the connection fails
	 */
	static SlowPublish begin(int port, String token, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		Socket socket = new Socket("127.0.0.1", port);
		socket.setSoTimeout((int) TIMEOUT.toMillis());
		String head = "POST /api/v1/publish HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
				+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
				+ "\r\nConnection: close\r\n\r\n";
		OutputStream out = socket.getOutputStream();
		out.write(head.getBytes(StandardCharsets.US_ASCII));
		out.write(body, 0, body.length / 2);
		out.flush();
		return new SlowPublish(socket, body);
	}

	/**
	 * Send the rest of the body and read the status of the response.
	 * @return the HTTP status
	 * @throws IOException if the server closed the connection or did not answer in time
	 */
	int finish() throws IOException {
		OutputStream out = this.socket.getOutputStream();
		out.write(this.body, this.body.length / 2, this.body.length - this.body.length / 2);
		out.flush();
		InputStream in = this.socket.getInputStream();
		StringBuilder statusLine = new StringBuilder();
		for (int next = in.read(); next != -1 && next != '\r' && statusLine.length() < 200; next = in.read()) {
			statusLine.append((char) next);
		}
		String[] parts = statusLine.toString().split(" ");
		if (parts.length < 2) {
			throw new IOException("No HTTP status line, but '" + statusLine + "'");
		}
		return Integer.parseInt(parts[1]);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
