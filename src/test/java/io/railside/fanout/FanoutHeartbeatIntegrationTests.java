package io.railside.fanout;

import java.time.Duration;

import io.railside.stomp.RawStompSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heart-beats on the wire with the fan-out broker, at one second each way: a session that
 * receives a broadcast every 200 ms sees no heart-beat while they flow, and gets
 * heart-beats again once they stop.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railside.http.port=0", "railside.stomp.heartbeat-send=1s",
				"railside.stomp.heartbeat-receive=1s" })
@Timeout(60)
class FanoutHeartbeatIntegrationTests {

	private static final String TOPIC = "/topic/busy";

	private static final Duration PAUSE = Duration.ofMillis(200);

	/** Four seconds of broadcasts: four heart-beat periods. */
	private static final int BROADCASTS = 20;

	@Value("${local.http.port}")
	private int httpPort;

	@Autowired
	private SimpMessagingTemplate broker;

	private RawStompSocket socket;

	@AfterEach
	void abort() {
		this.socket.abort();
	}

	@Test
	void sendsNoHeartBeatToASessionWhileBroadcastsFlow() throws InterruptedException {
		this.socket = RawStompSocket.open("ws://localhost:" + this.httpPort + "/stomp");
		// The client sends none and wants one a second.
		this.socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,1000\n\n\0");
		assertThat(String.valueOf(this.socket.awaitFrame().getCommand())).isEqualTo("CONNECTED");
		this.socket.send("SUBSCRIBE\nid:s1\ndestination:" + TOPIC + "\nreceipt:r1\n\n\0");
		assertThat(this.socket.awaitFrame().getReceiptId()).isEqualTo("r1");
		for (int i = 0; i < BROADCASTS; i++) {
			this.broker.convertAndSend(TOPIC, "broadcast " + i);
			StompHeaderAccessor frame = this.socket.pollAny(Duration.ofSeconds(10));
			assertThat(frame).as("broadcast %d", i).isNotNull();
			assertThat(frame.isHeartbeat()).as("a heart-beat before broadcast %d", i).isFalse();
			assertThat(RawStompSocket.body(frame)).isEqualTo("broadcast " + i);
			assertThat(this.socket.pollAny(PAUSE)).as("anything between broadcasts, heart-beats included").isNull();
		}
		StompHeaderAccessor quiet = this.socket.pollAny(Duration.ofSeconds(5));
		assertThat(quiet).as("a heart-beat once broadcasts stop").isNotNull();
		assertThat(quiet.isHeartbeat()).isTrue();
	}

}
