package io.railside.stomp;

import io.railside.refusal.Refusal;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * The destinations clients may use: topics named by dot-separated segments of
 * {@code [A-Za-z0-9_-]} (the form RabbitMQ's STOMP plugin uses too), their own user
 * queues, and the application prefix. Wildcards and broker-specific destinations are
 * refused, so clients reach no broker feature. Other users' queues, in either spelling,
 * are forbidden in every mode: only the backend addresses users.
 */
class DestinationRules implements FrameRule {

	private final int maxNameLength;

	DestinationRules(int maxNameLength) {
		this.maxNameLength = maxNameLength;
	}

	@Override
	public Step step() {
		return Step.DESTINATIONS;
	}

	@Override
	public @Nullable Refusal check(StompHeaderAccessor frame) {
		StompCommand command = frame.getCommand();
		if (command != StompCommand.SUBSCRIBE && command != StompCommand.SEND) {
			return null;
		}
		return check(command, frame.getDestination());
	}

	@Nullable Refusal check(StompCommand command, @Nullable String destination) {
		if (destination == null || destination.isEmpty()) {
			return Refusal.badDestination("A " + command + " frame needs a destination header.",
					FrameRule.endsFor(command));
		}
		if (destination.startsWith("/topic/" + StompProperties.INTERNAL_TOPIC_PREFIX)) {
			return Refusal.forbidden("This topic is reserved for Railside itself.", FrameRule.endsFor(command));
		}
		if (destination.startsWith("/topic/")) {
			return checkName(command, destination.substring("/topic/".length()));
		}
		if (command == StompCommand.SUBSCRIBE && destination.startsWith("/user/queue/")) {
			return checkName(command, destination.substring("/user/queue/".length()));
		}
		if (command == StompCommand.SEND && destination.startsWith("/app/")) {
			return checkName(command, destination.substring("/app/".length()));
		}
		if (destination.startsWith("/user/") || destination.startsWith("/queue/")) {
			return Refusal.forbidden((command == StompCommand.SEND) ? "Only the backend sends to user queues."
					: "Subscribe to your own queue as /user/queue/<name>.", FrameRule.endsFor(command));
		}
		return Refusal.badDestination("Use /topic/<name>"
				+ ((command == StompCommand.SUBSCRIBE) ? " or /user/queue/<name>" : " or /app/<name>")
				+ " as the destination.", FrameRule.endsFor(command));
	}

	private @Nullable Refusal checkName(StompCommand command, String name) {
		if (name.length() > this.maxNameLength) {
			return Refusal.badDestination("Destination names are at most " + this.maxNameLength + " characters long.",
					FrameRule.endsFor(command));
		}
		if (!DestinationNames.isValid(name, this.maxNameLength)) {
			return Refusal.badDestination(
					"Destination names are dot-separated words of letters, digits, '_' and '-', such as orders.42.",
					FrameRule.endsFor(command));
		}
		return null;
	}

}
