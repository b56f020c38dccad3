package io.railside.fanout;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the destination index finds each destination's subscribers as Spring's
 * registry would, through subscribes, unsubscribes, disconnects and reused ids.
 */
class DestinationIndexTests {

	private final DestinationIndex index = new DestinationIndex();

	@Test
	void findsTheSubscribersOfADestinationOnly() {
		subscribe("a", "0", "/topic/news");
		subscribe("a", "1", "/topic/news");
		subscribe("b", "0", "/topic/news");
		subscribe("b", "1", "/topic/other");
		assertThat(find("/topic/news")).isEqualTo(Map.of("a", List.of("0", "1"), "b", List.of("0")));
		assertThat(find("/topic/other")).isEqualTo(Map.of("b", List.of("1")));
		assertThat(find("/topic/nobody")).isEmpty();
	}

	@Test
	void forgetsUnsubscribedAndDisconnectedSessions() {
		subscribe("a", "0", "/topic/news");
		subscribe("a", "1", "/topic/news");
		subscribe("b", "0", "/topic/news");
		this.index.unregisterSubscription(message(SimpMessageType.UNSUBSCRIBE, "a", "0", null));
		assertThat(find("/topic/news")).isEqualTo(Map.of("a", List.of("1"), "b", List.of("0")));
		this.index.unregisterAllSubscriptions("a");
		assertThat(find("/topic/news")).isEqualTo(Map.of("b", List.of("0")));
		this.index.unregisterAllSubscriptions("b");
		assertThat(find("/topic/news")).isEmpty();
	}

	@Test
	void anIdSubscribedAgainMovesToItsNewDestination() {
		subscribe("a", "0", "/topic/news");
		subscribe("a", "0", "/topic/other");
		assertThat(find("/topic/news")).isEmpty();
		assertThat(find("/topic/other")).isEqualTo(Map.of("a", List.of("0")));
	}

	@Test
	void aBroadcastKeepsTheSubscribersItFound() {
		subscribe("a", "0", "/topic/news");
		MultiValueMap<String, String> found = find("/topic/news");
		subscribe("b", "0", "/topic/news");
		this.index.unregisterAllSubscriptions("a");
		assertThat(found).isEqualTo(Map.of("a", List.of("0")));
		assertThat(find("/topic/news")).isEqualTo(Map.of("b", List.of("0")));
	}

	@Test
	void patternsMatchAsInSpringsRegistry() {
		subscribe("a", "0", "/topic/news.*");
		subscribe("b", "0", "/topic/news.sport");
		assertThat(find("/topic/news.sport")).isEqualTo(Map.of("a", List.of("0"), "b", List.of("0")));
		this.index.unregisterAllSubscriptions("a");
		assertThat(find("/topic/news.sport")).isEqualTo(Map.of("b", List.of("0")));
	}

	@Test
	void manyTopicsEachFindTheirOwnSubscriber() {
		for (int i = 0; i < 5_000; i++) {
			subscribe("s" + i, "0", "/topic/t" + i);
		}
		for (int i = 0; i < 5_000; i += 499) {
			assertThat(find("/topic/t" + i)).isEqualTo(Map.of("s" + i, List.of("0")));
		}
	}

	private void subscribe(String sessionId, String subscriptionId, String destination) {
		this.index.registerSubscription(message(SimpMessageType.SUBSCRIBE, sessionId, subscriptionId, destination));
	}

	private MultiValueMap<String, String> find(String destination) {
		return this.index.findSubscriptions(message(SimpMessageType.MESSAGE, null, null, destination));
	}

	private static Message<byte[]> message(SimpMessageType type, String sessionId, String subscriptionId,
			String destination) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(type);
		headers.setSessionId(sessionId);
		headers.setSubscriptionId(subscriptionId);
		headers.setDestination(destination);
		return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
	}

}
