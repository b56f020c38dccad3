package io.railside.stomp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import io.railside.refusal.Refusal;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

/**
 * Tests for {@link FrameGuard}: rules run in the order of their steps, whatever order
 * they are given in, the first refusal stops the rest and ends the session, and a refused
 * session's later frames are dropped.
 */
class FrameGuardTests {

	private final List<FrameRule.Step> ran = new ArrayList<>();

	private final MessageChannel outbound = mock();

	private final StompRefusals refusals = new StompRefusals(this.outbound, mock());

	@Test
	void runsTheRulesInStepOrder() {
		FrameGuard guard = new FrameGuard(
				List.of(rule(FrameRule.Step.SUBSCRIPTIONS, null), rule(FrameRule.Step.AUTHENTICATION, null),
						rule(FrameRule.Step.HEADER_ALLOWLIST, null), rule(FrameRule.Step.HEADER_LIMITS, null)),
				this.refusals);
		assertThat(guard.preSend(frame(), mock())).isNotNull();
		assertThat(this.ran).containsExactly(FrameRule.Step.HEADER_LIMITS, FrameRule.Step.AUTHENTICATION,
				FrameRule.Step.HEADER_ALLOWLIST, FrameRule.Step.SUBSCRIPTIONS);
	}

	@Test
	void theFirstRefusalStopsTheRestAndLaterFramesAreDropped() {
		FrameGuard guard = new FrameGuard(
				List.of(rule(FrameRule.Step.DESTINATIONS, null),
						rule(FrameRule.Step.FRAME_RATE, Refusal.ofSession("rate_limited", "Slow down."))),
				this.refusals);
		Message<byte[]> first = frame();
		assertThat(guard.preSend(first, mock())).isNull();
		assertThat(guard.preSend(frameOf(first), mock())).isNull();
		assertThat(this.ran).containsExactly(FrameRule.Step.FRAME_RATE);
		then(this.outbound).should(times(1)).send(any());
	}

	@Test
	void refusesTwoRulesForOneStep() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new FrameGuard(
					List.of(rule(FrameRule.Step.FRAME_RATE, null), rule(FrameRule.Step.FRAME_RATE, null)),
					this.refusals))
			.withMessageContaining("FRAME_RATE");
	}

	private FrameRule rule(FrameRule.Step step, @Nullable Refusal refusal) {
		return new FrameRule() {

			@Override
			public Step step() {
				return step;
			}

			@Override
			public @Nullable Refusal check(StompHeaderAccessor frame) {
				FrameGuardTests.this.ran.add(step);
				return refusal;
			}

		};
	}

	private static Message<byte[]> frame() {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.SEND);
		accessor.setSessionId("s1");
		accessor.setSessionAttributes(new HashMap<>());
		accessor.setDestination("/topic/a");
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
	}

	private static Message<byte[]> frameOf(Message<byte[]> sameSession) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.SEND);
		accessor.setSessionId("s1");
		accessor.setSessionAttributes(StompHeaderAccessor.wrap(sameSession).getSessionAttributes());
		accessor.setDestination("/topic/b");
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
	}

}
