package io.railside.fanout;

import org.springframework.messaging.Message;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.user.UserDestinationMessageHandler;
import org.springframework.messaging.simp.user.UserDestinationResolver;

/**
 * Spring's user destination handler, except that a message to a user published on this
 * instance goes to the {@link Bus} unresolved ({@code /user/<name>/queue/...}), since the
 * user's sessions may be on any instance; each instance resolves it for the sessions it
 * holds when the bus delivers it. No user registry is shared between instances.
 */
public class BusUserDestinationMessageHandler extends UserDestinationMessageHandler {

	/** The user destination prefix Railside configures. */
	private static final String USERS = "/user/";

	private final Bus bus;

	public BusUserDestinationMessageHandler(SubscribableChannel clientInboundChannel, SubscribableChannel brokerChannel,
			UserDestinationResolver resolver, Bus bus) {
		super(clientInboundChannel, brokerChannel, resolver);
		this.bus = bus;
	}

	@Override
	public void handleMessage(Message<?> message) {
		String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
		if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.MESSAGE
				&& destination != null && destination.startsWith(USERS) && Bus.offset(message) == null) {
			this.bus.append(message);
			return;
		}
		super.handleMessage(message);
	}

}
