package io.railside.limits;

import java.util.HashMap;
import java.util.Map;

import io.railside.refusal.Refusal;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SubscriptionLimit}.
 */
class SubscriptionLimitTests {

	private final SubscriptionLimit limit = new SubscriptionLimit(2);

	private final Map<String, Object> session = new HashMap<>();

	@Test
	void acceptsExactlyTheLimitAndRefusesOneMore() {
		assertThat(subscribe("a")).isNull();
		assertThat(subscribe("b")).isNull();
		Refusal rejection = subscribe("c");
		assertThat(rejection).isNotNull();
		assertThat(rejection.code()).isEqualTo("limit.subscriptions");
		assertThat(rejection.sentence()).isEqualTo("A session may hold at most 2 subscriptions.");
	}

	@Test
	void aRefusedSubscriptionEndsOnlyItselfAndHoldsNoPlace() {
		subscribe("a");
		subscribe("b");
		assertThat(subscribe("c")).extracting(Refusal::ends).isEqualTo(Refusal.Ends.SUBSCRIPTION);
		assertThat(subscribe("c")).extracting(Refusal::code).isEqualTo("limit.subscriptions");
	}

	@Test
	void givesAPlaceBackOnUnsubscribe() {
		subscribe("a");
		subscribe("b");
		assertThat(check(StompCommand.UNSUBSCRIBE, "a", this.session)).isNull();
		assertThat(subscribe("c")).isNull();
		assertThat(subscribe("d")).isNotNull();
	}

	@Test
	void refusesAnIdAlreadyInUse() {
		assertThat(subscribe("a")).isNull();
		Refusal rejection = subscribe("a");
		assertThat(rejection).isNotNull();
		assertThat(rejection.code()).isEqualTo("bad_frame");
		assertThat(rejection.sentence()).isEqualTo("That subscription id is already in use on this connection.");
	}

	@Test
	void letsAnIdBeUsedAgainOnceUnsubscribed() {
		assertThat(subscribe("a")).isNull();
		assertThat(check(StompCommand.UNSUBSCRIBE, "a", this.session)).isNull();
		assertThat(subscribe("a")).isNull();
	}

	@Test
	void ignoresAnUnsubscribeOfAnUnknownId() {
		assertThat(check(StompCommand.UNSUBSCRIBE, "never", this.session)).isNull();
		subscribe("a");
		subscribe("b");
		assertThat(subscribe("c")).isNotNull();
	}

	@Test
	void countsEachSessionOnItsOwn() {
		subscribe("a");
		subscribe("b");
		Map<String, Object> other = new HashMap<>();
		assertThat(check(StompCommand.SUBSCRIBE, "a", other)).isNull();
		assertThat(check(StompCommand.SUBSCRIBE, "b", other)).isNull();
	}

	@Test
	void passesFramesOtherThanSubscribe() {
		subscribe("a");
		subscribe("b");
		assertThat(check(StompCommand.SEND, null, this.session)).isNull();
		assertThat(check(StompCommand.ACK, "c", this.session)).isNull();
	}

	private Refusal subscribe(String id) {
		return check(StompCommand.SUBSCRIBE, id, this.session);
	}

	private Refusal check(StompCommand command, String id, Map<String, Object> session) {
		StompHeaderAccessor frame = StompHeaderAccessor.create(command);
		frame.setSessionAttributes(session);
		if (id != null) {
			frame.setSubscriptionId(id);
		}
		return this.limit.check(frame);
	}

}
