package io.railside.security;

import java.time.Duration;
import java.util.List;

import io.railside.stomp.RawStompSocket;
import io.railside.stomp.StompTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code subscribe} and {@code publish} claims end to end: a SUBSCRIBE or SEND that a
 * pattern allows goes through, any other ends that session with {@code forbidden} while a
 * bystander carries on, and a token without claims reads only its own user queue.
 */
class TopicAuthorizationIntegrationTests extends SecuredStompTestSupport {

	@Autowired
	private SimpUserRegistry users;

	@ParameterizedTest
	@ValueSource(strings = { "/topic/orders.42", "/topic/news.today", "/topic/chat.room-1", "/topic/chat.room-1.typing",
			"/user/queue/notices" })
	void subscribeIsAllowedWhenAPatternMatches(String destination) {
		assertReceipt(this.stomp.connected(alice()),
				"SUBSCRIBE\nid:0\ndestination:" + destination + "\nreceipt:r\n\n\0");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/orders.43", "/topic/orders", "/topic/orders.42.lines", "/topic/news",
			"/topic/news.today.late", "/topic/chat", "/topic/chatter.room-1", "/topic/bystander" })
	void subscribeIsForbiddenWhenNoPatternMatches(String destination) {
		this.stomp.assertRefused(this.stomp.connected(alice()),
				"SUBSCRIBE\nid:0\ndestination:" + destination + "\n\n\0", "forbidden");
	}

	@Test
	void sendIsAllowedWhenAPublishPatternMatches() {
		StompTestSession session = this.stomp.session(alice());
		session.subscribe("/topic/chat.room-1");
		session.sendWithReceipt("/topic/chat.room-1", "hello room");
		assertThat(session.awaitFrame().body()).isEqualTo("hello room");
	}

	@Test
	void sendToAnApplicationDestinationIsAllowedWhenAPublishPatternMatches() {
		assertReceipt(this.stomp.connected(alice()), "SEND\ndestination:/app/chat.room-1\nreceipt:r\n\nhello\0");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "/topic/orders.42", "/topic/news.today", "/topic/chat", "/topic/bystander", "/app/orders.42" })
	void sendIsForbiddenWhenNoPublishPatternMatches(String destination) {
		this.stomp.assertRefused(this.stomp.connected(alice()), "SEND\ndestination:" + destination + "\n\nhello\0",
				"forbidden");
	}

	@Test
	void aTokenWithoutClaimsMaySubscribeToItsOwnQueue() {
		assertReceipt(this.stomp.connected(TestTokens.valid("nobody")),
				"SUBSCRIBE\nid:0\ndestination:/user/queue/notices\nreceipt:r\n\n\0");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/orders.42", "/topic/bystander" })
	void aTokenWithoutClaimsMayNotSubscribeToATopic(String destination) {
		this.stomp.assertRefused(this.stomp.connected(TestTokens.valid("nobody")),
				"SUBSCRIBE\nid:0\ndestination:" + destination + "\n\n\0", "forbidden");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/orders.42", "/topic/bystander", "/app/orders.42" })
	void aTokenWithoutClaimsMayNotPublish(String destination) {
		this.stomp.assertRefused(this.stomp.connected(TestTokens.valid("nobody")),
				"SEND\ndestination:" + destination + "\n\nhello\0", "forbidden");
	}

	@Test
	void noTokenMaySubscribeToAnotherUsersQueueByName() {
		this.stomp.connected(TestTokens.valid("bob"));
		this.stomp.assertRefused(this.stomp.connected(alice()),
				"SUBSCRIBE\nid:0\ndestination:/user/bob/queue/notices\n\n\0", "forbidden");
	}

	@Test
	void noTokenMaySubscribeToAnotherUsersQueueBySessionId() {
		this.stomp.connected(TestTokens.valid("bob-by-session"));
		String bobsSession = sessionOf("bob-by-session");
		this.stomp.assertRefused(this.stomp.connected(alice()),
				"SUBSCRIBE\nid:0\ndestination:/queue/notices-user" + bobsSession + "\n\n\0", "forbidden");
	}

	@Test
	void noTokenMaySubscribeToItsOwnQueueBySessionId() {
		RawStompSocket socket = this.stomp.connected(TestTokens.valid("own-session"));
		String ownSession = sessionOf("own-session");
		this.stomp.assertRefused(socket, "SUBSCRIBE\nid:0\ndestination:/queue/notices-user" + ownSession + "\n\n\0",
				"forbidden");
	}

	private String sessionOf(String user) {
		SimpUser simpUser = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.users.getUser(user), (found) -> found != null && !found.getSessions().isEmpty());
		return simpUser.getSessions().iterator().next().getId();
	}

	private String alice() {
		return TestTokens.hs256(TestTokens.claims("alice")
			.claim("subscribe", List.of("orders.42", "news.*", "chat.**"))
			.claim("publish", List.of("chat.**")));
	}

	private static void assertReceipt(RawStompSocket socket, String frame) {
		socket.send(frame);
		assertThat(String.valueOf(socket.awaitFrame().getCommand())).isEqualTo("RECEIPT");
	}

}
