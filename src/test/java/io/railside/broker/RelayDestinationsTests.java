package io.railside.broker;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link RelayDestinations}.
 */
class RelayDestinationsTests {

	private final RelayDestinations destinations = new RelayDestinations();

	private final MessageChannel channel = mock();

	@Test
	void mapsAResolvedUserQueueOntoTheDirectExchange() {
		Message<?> mapped = this.destinations.preSend(subscribe("/queue/notices-usera1b2"), this.channel);
		assertThat(SimpMessageHeaderAccessor.getDestination(mapped.getHeaders()))
			.isEqualTo("/exchange/amq.direct/notices-usera1b2");
	}

	@Test
	void keepsTheSessionOfASubscriptionSoTheClientsOwnConnectionCarriesIt() {
		Message<?> mapped = this.destinations.preSend(subscribe("/queue/notices-usera1b2"), this.channel);
		assertThat(SimpMessageHeaderAccessor.getSessionId(mapped.getHeaders())).isEqualTo("a1b2");
	}

	@Test
	void dropsTheSessionOfAMessageForAUserQueueSoTheSystemConnectionSendsIt() {
		// Another instance's session has no connection here: the relay would drop the
		// message if it looked for one.
		Message<?> mapped = this.destinations.preSend(message("/queue/notices-userc3d4", "c3d4"), this.channel);
		assertThat(SimpMessageHeaderAccessor.getDestination(mapped.getHeaders()))
			.isEqualTo("/exchange/amq.direct/notices-userc3d4");
		assertThat(SimpMessageHeaderAccessor.getSessionId(mapped.getHeaders())).isNull();
	}

	@Test
	void leavesTopicsAsTheyAre() {
		Message<?> message = subscribe("/topic/orders.42");
		assertThat(this.destinations.preSend(message, this.channel)).isSameAs(message);
	}

	private static Message<byte[]> subscribe(String destination) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.SUBSCRIBE);
		accessor.setDestination(destination);
		accessor.setSubscriptionId("sub-1");
		accessor.setSessionId("a1b2");
		return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
	}

	private static Message<byte[]> message(String destination, String sessionId) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		accessor.setDestination(destination);
		accessor.setSessionId(sessionId);
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage("hello".getBytes(), accessor.getMessageHeaders());
	}

}
