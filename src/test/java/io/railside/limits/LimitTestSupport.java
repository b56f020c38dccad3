package io.railside.limits;

import java.util.ArrayList;
import java.util.List;

import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Value;

/**
 * What the end-to-end limit tests share: a bystander session that must keep receiving
 * through every refusal, and the raw sockets a test opens, aborted after it. Each test
 * class names its own limits on its {@code @SpringBootTest}.
 */
public abstract class LimitTestSupport {

	@Value("${local.http.port}")
	private int httpPort;

	protected Bystander bystander;

	private final List<RawStompSocket> sockets = new ArrayList<>();

	private final List<ControlledStompSocket> controlled = new ArrayList<>();

	@BeforeEach
	void connectBystander() {
		this.bystander = Bystander.connect(url());
	}

	@AfterEach
	void closeAll() {
		this.bystander.close();
		this.sockets.forEach(RawStompSocket::abort);
		this.controlled.forEach(ControlledStompSocket::abort);
	}

	/**
	 * A socket with the WebSocket open and no CONNECT sent yet.
	 * @return the socket
	 */
	protected RawStompSocket open() {
		return track(RawStompSocket.open(url()));
	}

	/**
	 * A socket that has sent CONNECT and received CONNECTED.
	 * @return the socket
	 */
	protected RawStompSocket connected() {
		return track(RawStompSocket.connected(url()));
	}

	/**
	 * A connected socket that can stop reading and send WebSocket fragments.
	 * @return the socket
	 */
	protected ControlledStompSocket controlled() {
		ControlledStompSocket socket = ControlledStompSocket.connected(url());
		this.controlled.add(socket);
		return socket;
	}

	private RawStompSocket track(RawStompSocket socket) {
		this.sockets.add(socket);
		return socket;
	}

	private String url() {
		return "ws://localhost:" + this.httpPort + "/stomp";
	}

}
