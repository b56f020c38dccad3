package io.railside.stomp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import io.railside.fanout.CableNamespace;
import io.railside.refusal.Refusal;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Runs every inbound frame past the {@link FrameRule}s in the order of their
 * {@link FrameRule.Step steps}, ends the session of the first frame refused, and drops
 * every later frame of a session that was refused. Refusals are answered here, not
 * thrown: with ordered receipt, Spring would only log a thrown exception, and the client
 * would never learn why.
 */
class FrameGuard implements ChannelInterceptor {

	private final List<FrameRule> rules;

	private final StompRefusals refusals;

	FrameGuard(Collection<FrameRule> rules, StompRefusals refusals) {
		this.rules = inStepOrder(rules);
		this.refusals = refusals;
	}

	private static List<FrameRule> inStepOrder(Collection<FrameRule> rules) {
		List<FrameRule> ordered = new ArrayList<>(rules);
		ordered.sort(Comparator.comparing(FrameRule::step));
		for (int i = 1; i < ordered.size(); i++) {
			if (ordered.get(i).step() == ordered.get(i - 1).step()) {
				throw new IllegalStateException(
						"Each frame rule step has one rule; more than one claims " + ordered.get(i).step());
			}
		}
		return List.copyOf(ordered);
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		if (CableNamespace.isFromCable(message)) {
			// Checked by the cable protocol: STOMP's frame rules do not apply.
			return message;
		}
		StompHeaderAccessor frame = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (frame == null) {
			frame = StompHeaderAccessor.wrap(message);
		}
		if (this.refusals.isRefused(frame)) {
			return null;
		}
		int bodyLength = (message.getPayload() instanceof byte[] body) ? body.length : 0;
		for (FrameRule rule : this.rules) {
			Refusal refusal = rule.check(frame, bodyLength);
			if (refusal != null) {
				this.refusals.refuse(frame, refusal);
				return null;
			}
		}
		return message;
	}

}
