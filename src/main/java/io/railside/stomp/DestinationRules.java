package io.railside.stomp;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.simp.stomp.StompCommand;

/**
 * The destinations clients may use: topics named by dot-separated segments of
 * {@code [A-Za-z0-9_-]} (the form RabbitMQ's STOMP plugin uses too), their own user
 * queues, and the application prefix. Wildcards and broker-specific destinations are
 * refused, so the relay needs no client change and clients reach no broker feature.
 */
class DestinationRules {

	private final int maxNameLength;

	DestinationRules(int maxNameLength) {
		this.maxNameLength = maxNameLength;
	}

	/**
	 * Check the destination of a SUBSCRIBE or SEND frame.
	 * @param command the frame's command
	 * @param destination the frame's destination header
	 * @return why it is refused, or {@code null} when it is allowed
	 */
	@Nullable StompRejection check(StompCommand command, @Nullable String destination) {
		if (destination == null || destination.isEmpty()) {
			return StompRejection.badDestination("A " + command + " frame needs a destination header.");
		}
		if (destination.startsWith("/topic/")) {
			return checkName(destination.substring("/topic/".length()));
		}
		if (command == StompCommand.SUBSCRIBE && destination.startsWith("/user/queue/")) {
			return checkName(destination.substring("/user/queue/".length()));
		}
		if (command == StompCommand.SEND && destination.startsWith("/app/")) {
			return checkName(destination.substring("/app/".length()));
		}
		return StompRejection.badDestination(
				"Use /topic/<name>" + (command == StompCommand.SUBSCRIBE ? " or /user/queue/<name>" : " or /app/<name>")
						+ " as the destination.");
	}

	private @Nullable StompRejection checkName(String name) {
		if (name.length() > this.maxNameLength) {
			return StompRejection
				.badDestination("Destination names are at most " + this.maxNameLength + " characters long.");
		}
		if (!DestinationNames.isValid(name, this.maxNameLength)) {
			return StompRejection.badDestination(
					"Destination names are dot-separated words of letters, digits, '_' and '-', such as orders.42.");
		}
		return null;
	}

}
