package io.railside.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.Timeout;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the relay hands on to the broker, as a fake broker receives it: only the headers
 * Railside allows, whatever a client adds. Needs no RabbitMQ.
 */
@TestInstance(Lifecycle.PER_CLASS)
@Timeout(60)
class RelayedFramesIntegrationTests {

	private static final String BROKER_HEADERS = "durable:true\nauto-delete:false\nexclusive:false\npersistent:true\n"
			+ "x-queue-name:mine\nx-max-length:1\nx-message-ttl:1\nprefetch-count:1\nack:client-individual\n"
			+ "reply-to:/temp-queue/replies\nexpiration:1\npriority:9\nselector:a = 1\nx-custom:1\n";

	private final List<RawStompSocket> sockets = new ArrayList<>();

	private FakeStompBroker broker;

	private RelayInstance railside;

	@BeforeAll
	void startRailsideOnAFakeBroker() throws Exception {
		this.broker = FakeStompBroker.start();
		this.railside = RelayInstance.start(this.broker.host(), this.broker.port());
		await("readiness UP").atMost(Duration.ofSeconds(30)).until(() -> this.railside.readiness().statusCode() == 200);
	}

	@AfterAll
	void stop() throws Exception {
		if (this.railside != null) {
			this.railside.close();
		}
		if (this.broker != null) {
			this.broker.close();
		}
	}

	@AfterEach
	void abort() {
		this.sockets.forEach(RawStompSocket::abort);
	}

	@Test
	void connectReachesTheBrokerWithoutTheClientsTokenNorHeadersOfItsOwn() {
		connected("client-id:mine\nx-custom:1\n");
		StompHeaderAccessor connect = this.broker.awaitClientFrame(StompCommand.CONNECT);
		assertThat(connect.toNativeHeaderMap().keySet()).isSubsetOf("accept-version", "heart-beat", "host", "login",
				"passcode");
		assertThat(connect.getLogin()).isEqualTo("guest");
	}

	@Test
	void subscribeReachesTheBrokerWithOnlyItsDestinationIdAndReceipt() {
		RawStompSocket client = connected("");
		client.send("SUBSCRIBE\nid:sub-1\ndestination:/topic/relay.frames\nreceipt:r1\n" + BROKER_HEADERS + "\n\0");
		StompHeaderAccessor subscribe = this.broker.awaitClientFrame(StompCommand.SUBSCRIBE);
		assertThat(subscribe.getDestination()).isEqualTo("/topic/relay.frames");
		assertThat(subscribe.toNativeHeaderMap().keySet()).isSubsetOf("destination", "id", "receipt");
		assertThat(String.valueOf(client.awaitFrame().getCommand())).isEqualTo("RECEIPT");
	}

	@Test
	void aUserQueueSubscriptionReachesTheBrokerAsAnExchangeSubscriptionWithOnlyAllowedHeaders() {
		RawStompSocket client = connected("");
		client.send("SUBSCRIBE\nid:sub-1\ndestination:/user/queue/notices\n" + BROKER_HEADERS + "\n\0");
		StompHeaderAccessor subscribe = this.broker.awaitClientFrame(StompCommand.SUBSCRIBE);
		assertThat(subscribe.getDestination()).startsWith("/exchange/amq.direct/notices-user");
		// simpOrigDestination is Spring's own, naming the destination the client
		// subscribed to.
		assertThat(subscribe.toNativeHeaderMap().keySet()).isSubsetOf("destination", "id", "receipt",
				"simpOrigDestination");
		assertThat(subscribe.getFirstNativeHeader("simpOrigDestination")).isEqualTo("/user/queue/notices");
	}

	@Test
	void sendReachesTheBrokerWithOnlyItsDestinationContentTypeAndLength() {
		RawStompSocket client = connected("");
		client.send("SEND\ndestination:/topic/relay.frames\ncontent-type:text/plain\n" + BROKER_HEADERS + "\nhello\0");
		StompHeaderAccessor send = this.broker.awaitClientFrame(StompCommand.SEND);
		assertThat(send.getDestination()).isEqualTo("/topic/relay.frames");
		assertThat(send.toNativeHeaderMap().keySet()).isSubsetOf("destination", "content-type", "content-length",
				"receipt");
	}

	@Test
	void disconnectReachesTheBrokerWithOnlyItsReceipt() {
		RawStompSocket client = connected("");
		client.send("DISCONNECT\nreceipt:bye\n" + BROKER_HEADERS + "\n\0");
		StompHeaderAccessor disconnect = this.broker.awaitClientFrame(StompCommand.DISCONNECT);
		assertThat(disconnect.toNativeHeaderMap().keySet()).isSubsetOf("receipt");
	}

	private RawStompSocket connected(String headers) {
		RawStompSocket socket = this.railside.connectRaw("mallory", headers);
		this.sockets.add(socket);
		StompHeaderAccessor connected = socket.awaitFrame();
		assertThat(String.valueOf(connected.getCommand())).as("%s", connected.toNativeHeaderMap())
			.isEqualTo("CONNECTED");
		return socket;
	}

}
