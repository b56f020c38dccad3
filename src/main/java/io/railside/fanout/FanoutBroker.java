package io.railside.fanout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.MultiValueMap;

/**
 * Spring's in-memory broker, except that a broadcast is encoded once: Spring would build
 * header accessors and encode the whole STOMP frame again for every subscriber. Each
 * subscriber's copy still goes through the session's own ordered outbound channel, so
 * order, slow-consumer limits and metrics are Spring's; user destinations and binary
 * bodies take Spring's path unchanged. As in Spring's loop, a copy that fails to send
 * does not stop the others, and a session that receives broadcasts gets no heart-beats
 * (see {@link SubscriberChannel}).
 */
public class FanoutBroker extends SimpleBrokerMessageHandler {

	private final Map<String, SubscriberChannel> outbound = new ConcurrentHashMap<>();

	private final StompEncoder encoder = new StompEncoder();

	/**
	 * Take the place of Spring's configured in-memory broker, with its channels,
	 * destinations, subscriptions, heart-beats, scheduler, publish order and lifecycle
	 * phase.
	 * @param stock the broker as Spring's registry configured it
	 */
	public FanoutBroker(SimpleBrokerMessageHandler stock) {
		super(stock.getClientInboundChannel(), stock.getClientOutboundChannel(), stock.getBrokerChannel(),
				stock.getDestinationPrefixes());
		setSubscriptionRegistry(stock.getSubscriptionRegistry());
		setPreservePublishOrder(stock.isPreservePublishOrder());
		setHeartbeatValue(stock.getHeartbeatValue());
		setPhase(stock.getPhase());
		TaskScheduler scheduler = stock.getTaskScheduler();
		if (scheduler != null) {
			setTaskScheduler(scheduler);
		}
	}

	/**
	 * The channel Spring's broker keeps for the session at CONNECT, and sends the
	 * session's heart-beats through.
	 */
	@Override
	protected MessageChannel getClientOutboundChannelForSession(String sessionId) {
		SubscriberChannel channel = new SubscriberChannel(sessionId,
				super.getClientOutboundChannelForSession(sessionId));
		this.outbound.put(sessionId, channel);
		return channel;
	}

	@Override
	protected void handleMessageInternal(Message<?> message) {
		super.handleMessageInternal(message);
		if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.DISCONNECT) {
			String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
			if (sessionId != null) {
				this.outbound.remove(sessionId);
			}
		}
	}

	@Override
	protected void sendMessageToSubscribers(@Nullable String destination, Message<?> message) {
		MultiValueMap<String, String> subscriptions = getSubscriptionRegistry().findSubscriptions(message);
		if (subscriptions.isEmpty()) {
			return;
		}
		MessageFrame frame = MessageFrame.of(message, this.encoder);
		if (frame == null) {
			super.sendMessageToSubscribers(destination, message);
			return;
		}
		for (Map.Entry<String, List<String>> session : subscriptions.entrySet()) {
			SubscriberChannel channel = this.outbound.get(session.getKey());
			if (channel != null) {
				for (String subscriptionId : session.getValue()) {
					channel.deliver(frame.to(session.getKey(), subscriptionId));
				}
			}
		}
	}

}
