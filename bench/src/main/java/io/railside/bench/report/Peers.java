package io.railside.bench.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The peers' names as run.sh gives them, in report order.
 */
public final class Peers {

	public static final String RAILSIDE = "railside";

	/** The same Railside with {@code railside.history.enabled=false}. */
	public static final String HISTORY_OFF = "railside-history-off";

	/** The same jar in stream mode, on a RabbitMQ stream of the bench's own node. */
	public static final String STREAM = "railside-stream";

	/** Two instances in stream mode on the same stream, behind HAProxy. */
	public static final String STREAM_PAIR = "railside-stream-2";

	public static final String RABBITMQ = "rabbitmq-web-stomp";

	/** ActiveMQ Artemis with its STOMP acceptor taking WebSocket upgrades. */
	public static final String ARTEMIS = "artemis";

	public static final String STOCK = "stock-spring";

	/** The same stock app on Jetty 12.1: run only when named. */
	public static final String STOCK_JETTY = "stock-spring-jetty";

	public static final String NETTY = "netty-baseline";

	static final List<String> ORDER = List.of(RAILSIDE, HISTORY_OFF, STREAM, STREAM_PAIR, RABBITMQ, ARTEMIS, STOCK,
			STOCK_JETTY, NETTY);

	private Peers() {
	}

	static int rank(String peer) {
		int rank = ORDER.indexOf(peer);
		return (rank < 0) ? ORDER.size() : rank;
	}

	static Optional<PeerResult> find(Map<String, PeerResult> peers, String name) {
		return Optional.ofNullable(peers.get(name));
	}

}
