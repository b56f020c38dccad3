package io.railside.broker;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.railside.stomp.StompRefusals;
import io.railside.refusal.Refusal;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Rewrites ERROR frames that come from the broker or Spring's relay (lost connections,
 * RabbitMQ's own refusals) into Railside's codes, so clients never see a broker's
 * internal text: {@code broker.unavailable} while the broker is away,
 * {@code broker.error} otherwise.
 */
public class BrokerErrors implements ChannelInterceptor {

	private static final List<String> CONNECTION_LOSS = List.of("Connection to broker closed", "Broker not available",
			"Transport failure", "Failed to connect", "No CONNECTED frame received", "No messages received",
			"Failed to forward heartbeat", "failed to forward");

	private final BrokerStatus status;

	private final StompRefusals refusals;

	BrokerErrors(BrokerStatus status, StompRefusals refusals) {
		this.status = status;
		this.refusals = refusals;
	}

	/**
	 * What a client hears while the broker is away.
	 * @return the refusal
	 */
	public static Refusal unavailable() {
		return Refusal.ofSession("broker.unavailable", "The message broker is unavailable: reconnect shortly.");
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor frame = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (frame == null || frame.getCommand() != StompCommand.ERROR || StompRefusals.isRailsides(message)) {
			return message;
		}
		Refusal rejection = (this.status.isAvailable() && !isConnectionLoss(frame.getMessage()))
				? Refusal.ofSession("broker.error", "The message broker refused the frame: reconnect and try again.")
				: unavailable();
		return this.refusals.translate(frame, rejection);
	}

	/**
	 * Whether an ERROR is one Spring's relay makes when a client's connection to the
	 * broker is lost. RabbitMQ closes every connection at once when it stops, and the
	 * relay may learn of a client's loss before its system connection's, while the status
	 * still says available.
	 */
	private static boolean isConnectionLoss(@Nullable String message) {
		return message != null && CONNECTION_LOSS.stream().anyMatch(message::startsWith);
	}

}
