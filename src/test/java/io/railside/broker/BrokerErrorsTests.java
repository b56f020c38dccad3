package io.railside.broker;

import io.railside.stomp.StompRefusals;
import io.railside.refusal.Refusal;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link BrokerErrors}.
 */
class BrokerErrorsTests {

	private final BrokerStatus status = new BrokerStatus();

	private final MessageChannel channel = mock();

	private final StompRefusals refusals = new StompRefusals(this.channel, mock());

	private final BrokerErrors errors = new BrokerErrors(this.status, this.refusals);

	@Test
	void whenTheBrokerRefusesAFrameThenTheClientSeesBrokerError() {
		available(true);
		Message<?> translated = this.errors.preSend(brokerError("not_found", "NOT_FOUND - no exchange"), this.channel);
		assertThat(code(translated)).isEqualTo("broker.error");
		assertThat(new String((byte[]) translated.getPayload())).doesNotContain("NOT_FOUND");
	}

	@Test
	void whenTheBrokerIsAwayThenTheClientSeesBrokerUnavailable() {
		available(false);
		assertThat(code(this.errors.preSend(brokerError("Broker not available.", ""), this.channel)))
			.isEqualTo("broker.unavailable");
	}

	@Test
	void whenTheRelayLosesAClientsConnectionBeforeItsOwnThenTheClientSeesBrokerUnavailable() {
		// RabbitMQ closes all connections at once when it stops; the client's loss may be
		// reported before the system connection's turns the status to unavailable.
		available(true);
		assertThat(code(this.errors.preSend(brokerError("Connection to broker closed.", ""), this.channel)))
			.isEqualTo("broker.unavailable");
	}

	@Test
	void keepsTheSessionAndReceiptOfTheFrame() {
		available(true);
		StompHeaderAccessor translated = StompHeaderAccessor
			.wrap(this.errors.preSend(brokerError("not_found", "no exchange"), this.channel));
		assertThat(translated.getSessionId()).isEqualTo("s1");
		assertThat(translated.getReceiptId()).isEqualTo("r1");
	}

	@Test
	void passesRailsidesOwnErrorsAndOtherFramesUnchanged() {
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setSessionId("s1");
		Message<byte[]> own = this.refusals.translate(error, Refusal.ofSession("forbidden", "Not yours."));
		assertThat(this.errors.preSend(own, this.channel)).isSameAs(own);
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.MESSAGE);
		Message<byte[]> message = MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
		assertThat(this.errors.preSend(message, this.channel)).isSameAs(message);
	}

	private void available(boolean available) {
		this.status.onAvailability(new BrokerAvailabilityEvent(available, this));
	}

	private static Message<byte[]> brokerError(String message, String body) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.ERROR);
		accessor.setMessage(message);
		accessor.setSessionId("s1");
		accessor.setReceiptId("r1");
		return MessageBuilder.createMessage(body.getBytes(), accessor.getMessageHeaders());
	}

	private static String code(Message<?> error) {
		return StompHeaderAccessor.wrap(error).getMessage();
	}

}
