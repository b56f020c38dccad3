package io.railside.fanout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import io.railside.fanout.Replay.Subscriber;
import io.railside.history.History;
import io.railside.history.Position;
import io.railside.history.PositionReceipt;
import io.railside.history.Resume;
import io.railside.history.Retained;
import io.railside.history.TopicHistory;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.MultiValueMap;

/**
 * Spring's in-memory broker, except that a broadcast is encoded once (Spring would build
 * header accessors and encode the whole STOMP frame again for every subscriber), that
 * subscriptions are indexed by destination ({@link DestinationIndex}), and that topics
 * have positions and history. Each subscriber's copy goes through the session's outbox
 * ({@link Outboxes}), in order with everything else the broker sends the session, under
 * the slow-consumer limits of Spring's session decorator (the outbox applies them to what
 * waits in it) and the outbound channel's frame counts; user destinations take Spring's
 * path unchanged. As in Spring's loop, a copy that fails to send does not stop the
 * others, and a session that receives broadcasts gets no heart-beats (see
 * {@link SubscriberChannel}).
 * <p>
 * A message to a topic is given its offset, kept, and handed to the topic's subscribers
 * in one step under the topic's lock; a SUBSCRIBE that asks to resume registers and takes
 * what it missed under the same lock, answers with a RECEIPT saying whether it recovered,
 * and then gets the missed messages paced by {@link ReplayPacing} before the live ones.
 */
public class FanoutBroker extends SimpleBrokerMessageHandler {

	private static final String TOPICS = "/topic/";

	private static final Duration SWEEP_PERIOD = Duration.ofSeconds(1);

	private final Map<String, SubscriberChannel> outbound = new ConcurrentHashMap<>();

	private final StompEncoder encoder = new StompEncoder();

	private final History<Broadcast> history;

	private final ReplayPacing pacing;

	private final Outboxes outboxes;

	private final Replays replays = new Replays();

	private final AheadMarks ahead = new AheadMarks();

	private final @Nullable Bus bus;

	private @Nullable ScheduledFuture<?> sweeping;

	/**
	 * Take the place of Spring's configured in-memory broker, with its channels,
	 * destinations, subscriptions, heart-beats, scheduler, publish order and lifecycle
	 * phase.
	 * @param stock the broker as Spring's registry configured it
	 * @param history the topics' positions and history
	 * @param pacing how replays wait for the sessions' send buffers
	 * @param bus what carries topic messages between instances, or {@code null} for one
	 * instance
	 */
	public FanoutBroker(SimpleBrokerMessageHandler stock, History<Broadcast> history, ReplayPacing pacing,
			@Nullable Bus bus) {
		this(stock, history, pacing, Outboxes.NONE, bus);
	}

	/**
	 * Take the place of Spring's configured in-memory broker, writing to the sessions
	 * through their outboxes.
	 * @param stock the broker as Spring's registry configured it
	 * @param history the topics' positions and history
	 * @param pacing how replays wait for the sessions' send buffers
	 * @param outboxes the sessions' outboxes, where a session has one
	 * @param bus what carries topic messages between instances, or {@code null} for one
	 * instance
	 */
	public FanoutBroker(SimpleBrokerMessageHandler stock, History<Broadcast> history, ReplayPacing pacing,
			Outboxes outboxes, @Nullable Bus bus) {
		super(stock.getClientInboundChannel(), stock.getClientOutboundChannel(), stock.getBrokerChannel(),
				stock.getDestinationPrefixes());
		this.history = history;
		this.pacing = pacing;
		this.outboxes = outboxes;
		this.bus = bus;
		setSubscriptionRegistry(new DestinationIndex());
		setPreservePublishOrder(stock.isPreservePublishOrder());
		setHeartbeatValue(stock.getHeartbeatValue());
		setPhase(stock.getPhase());
		TaskScheduler scheduler = stock.getTaskScheduler();
		if (scheduler != null) {
			setTaskScheduler(scheduler);
		}
	}

	@Override
	public void startInternal() {
		super.startInternal();
		TaskScheduler scheduler = getTaskScheduler();
		if (scheduler != null && this.history.isEnabled()) {
			this.sweeping = scheduler.scheduleWithFixedDelay(this.history::sweep, SWEEP_PERIOD);
		}
	}

	@Override
	public void stopInternal() {
		ScheduledFuture<?> sweeping = this.sweeping;
		if (sweeping != null) {
			sweeping.cancel(false);
		}
		super.stopInternal();
	}

	/**
	 * The channel Spring's broker keeps for the session at CONNECT, and sends the
	 * session's heart-beats through: the session's outbox, or Spring's ordered channel.
	 */
	@Override
	protected MessageChannel getClientOutboundChannelForSession(String sessionId) {
		MessageChannel outbox = this.outboxes.outbox(sessionId);
		SubscriberChannel channel = new SubscriberChannel(sessionId,
				(outbox != null) ? outbox : super.getClientOutboundChannelForSession(sessionId));
		this.outbound.put(sessionId, channel);
		return channel;
	}

	@Override
	protected void handleMessageInternal(Message<?> message) {
		SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(message.getHeaders());
		String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
		if (type == SimpMessageType.SUBSCRIBE && hasHistory(destination)) {
			this.history.withTopic(destination, (topic) -> {
				// Under the topic's lock, so that no broadcast comes before the answer.
				if (!subscribe(destination, topic, message) && CableNamespace.isCable(destination)) {
					answerCable(message, false);
				}
				return topic;
			});
			return;
		}
		super.handleMessageInternal(message);
		String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
		String subscriptionId = SimpMessageHeaderAccessor.getSubscriptionId(message.getHeaders());
		if (type == SimpMessageType.SUBSCRIBE && CableNamespace.isCable(destination)) {
			// Without history there is no topic lock: a broadcast racing the subscription
			// may come just before its confirmation.
			answerCable(message, true);
		}
		if (sessionId != null && type == SimpMessageType.CONNECT
				&& message.getHeaders().get(CableNamespace.SESSION_HEADER) instanceof Boolean positions) {
			SubscriberChannel channel = this.outbound.get(sessionId);
			if (channel != null) {
				channel.setPositions(positions);
			}
		}
		if (sessionId != null && subscriptionId != null && type == SimpMessageType.UNSUBSCRIBE) {
			this.replays.cancel(sessionId, subscriptionId);
			this.ahead.forget(Subscriber.key(sessionId, subscriptionId));
		}
		if (sessionId != null && type == SimpMessageType.DISCONNECT) {
			this.outbound.remove(sessionId);
			this.replays.cancelAll(sessionId);
			this.ahead.forgetSession(sessionId);
		}
	}

	private boolean hasHistory(@Nullable String destination) {
		return this.history.isEnabled() && isShared(destination);
	}

	/**
	 * Whether messages to a destination go to every subscriber on every instance: a
	 * topic's or a cable stream's, not a user's.
	 */
	private static boolean isShared(@Nullable String destination) {
		return destination != null && (destination.startsWith(TOPICS) || CableNamespace.isCable(destination));
	}

	/**
	 * Answer a cable session's SUBSCRIBE in order with its other messages, so that its
	 * confirmation comes before anything the subscription delivers.
	 * @param subscribe the SUBSCRIBE, registered
	 * @param withoutHistory whether it was registered without history (a resume it asked
	 * for is then not supported)
	 */
	private void answerCable(Message<?> subscribe, boolean withoutHistory) {
		String sessionId = SimpMessageHeaderAccessor.getSessionId(subscribe.getHeaders());
		SubscriberChannel channel = (sessionId != null) ? this.outbound.get(sessionId) : null;
		if (channel != null) {
			boolean resume = NativeMessageHeaderAccessor.getFirstNativeHeader(Position.OFFSET_HEADER,
					subscribe.getHeaders()) != null || subscribe.getHeaders().containsKey(CableNamespace.SINCE_HEADER);
			if (resume && withoutHistory) {
				this.history.count(Resume.Outcome.NOT_SUPPORTED);
			}
			channel.deliver(ResumeReceipts.confirm(subscribe, resume && withoutHistory));
		}
	}

	/**
	 * Register a subscription, and when it asks to resume, answer and start its replay,
	 * all under the topic's lock.
	 */
	private boolean subscribe(String destination, TopicHistory<Broadcast> topic, Message<?> message) {
		super.handleMessageInternal(message);
		String epoch = NativeMessageHeaderAccessor.getFirstNativeHeader(Position.EPOCH_HEADER, message.getHeaders());
		String offset = NativeMessageHeaderAccessor.getFirstNativeHeader(Position.OFFSET_HEADER, message.getHeaders());
		String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
		String subscriptionId = SimpMessageHeaderAccessor.getSubscriptionId(message.getHeaders());
		SubscriberChannel channel = (sessionId != null) ? this.outbound.get(sessionId) : null;
		Long since = message.getHeaders().get(CableNamespace.SINCE_HEADER, Long.class);
		if ((since == null && (epoch == null || offset == null)) || channel == null || subscriptionId == null) {
			return false;
		}
		Resume<Broadcast> resume;
		if (epoch != null && offset != null) {
			long after = Long.parseLong(offset);
			resume = topic.resume(epoch, after);
			if (resume.isRecovered() && after > resume.position().offset()) {
				// Ahead of what this instance has read of a shared log: the client's
				// position stands, and live messages up to it are skipped.
				Position position = new Position(epoch, after);
				this.ahead.mark(destination, Subscriber.key(sessionId, subscriptionId), position);
				resume = new Resume<>(resume.outcome(), position, resume.replay());
			}
		}
		else {
			resume = topic.resumeSince(since);
		}
		channel.deliver(ResumeReceipts.answer(message, resume));
		// A cable client is told when the missed messages are through.
		Message<?> replayed = (CableNamespace.isCable(destination) && resume.isRecovered())
				? ResumeReceipts.replayed(message) : null;
		if (!resume.replay().isEmpty()) {
			Subscriber subscriber = new Subscriber(channel, sessionId, subscriptionId);
			Replay replay = new Replay(subscriber, topic, this.history, resume.replay(),
					this.history.properties().replayMessages(), this.pacing,
					() -> this.replays.remove(destination, subscriber), replayed);
			this.replays.add(destination, subscriber, replay);
			replay.nextPage();
		}
		else if (replayed != null) {
			channel.deliver(replayed);
		}
		return true;
	}

	@Override
	protected void sendMessageToSubscribers(@Nullable String destination, Message<?> message) {
		if (this.bus != null && isShared(destination) && Bus.offset(message) == null) {
			this.bus.append(message);
			return;
		}
		if (hasHistory(destination) && message.getPayload() instanceof byte[] payload) {
			Broadcast broadcast = broadcast(destination, message, payload);
			Position position = this.history.withTopic(destination,
					(topic) -> publish(destination, topic, broadcast, message));
			if (message.getHeaders().get(PositionReceipt.HEADER) instanceof PositionReceipt receipt) {
				receipt.place(position);
			}
			return;
		}
		MultiValueMap<String, String> subscriptions = getSubscriptionRegistry().findSubscriptions(message);
		if (subscriptions.isEmpty()) {
			return;
		}
		if (CableNamespace.isCable(destination) && message.getPayload() instanceof byte[] payload) {
			fanOut(subscriptions, CableBroadcast.of(destination, payload), null, null, null);
			return;
		}
		MessageFrame frame = MessageFrame.of(message, this.encoder);
		if (frame == null) {
			super.sendMessageToSubscribers(destination, message);
			return;
		}
		fanOut(subscriptions, frame, null, null, null);
	}

	private Broadcast broadcast(String destination, Message<?> message, byte[] payload) {
		if (CableNamespace.isCable(destination)) {
			return CableBroadcast.of(destination, payload);
		}
		MessageFrame frame = MessageFrame.of(message, this.encoder);
		return (frame != null) ? frame : new BinaryBroadcast(message, payload);
	}

	private Position publish(String destination, TopicHistory<Broadcast> topic, Broadcast broadcast,
			Message<?> message) {
		Long offset = Bus.offset(message);
		Long timestamp = message.getHeaders().get(Bus.TIMESTAMP_HEADER, Long.class);
		Retained<Broadcast> retained = (offset != null)
				? topic.append(broadcast, broadcast.bytes(), offset,
						(timestamp != null) ? timestamp : System.currentTimeMillis())
				: topic.append(broadcast, broadcast.bytes());
		fanOut(getSubscriptionRegistry().findSubscriptions(message), broadcast, retained, this.replays.of(destination),
				this.ahead.of(destination));
		return new Position(this.history.epoch(), retained.offset());
	}

	/**
	 * Hand each subscription its copy, or, for a subscription still replaying, hold it
	 * back.
	 * @param subscriptions subscription ids by session
	 * @param broadcast the message
	 * @param retained the message as the topic keeps it, or {@code null} without a
	 * position
	 * @param resuming the topic's resuming subscriptions, or {@code null} for none
	 * @param marks the topic's subscriptions that resumed ahead, or {@code null} for none
	 */
	private void fanOut(MultiValueMap<String, String> subscriptions, Broadcast broadcast,
			@Nullable Retained<Broadcast> retained, @Nullable Map<String, Replay> resuming,
			@Nullable Map<String, Position> marks) {
		String epoch = (retained != null) ? this.history.epoch() : null;
		long offset = (retained != null) ? retained.offset() : 0;
		for (Map.Entry<String, List<String>> session : subscriptions.entrySet()) {
			SubscriberChannel channel = this.outbound.get(session.getKey());
			if (channel == null) {
				continue;
			}
			for (String subscriptionId : session.getValue()) {
				String key = (resuming != null || marks != null) ? Subscriber.key(session.getKey(), subscriptionId)
						: null;
				if (key != null && epoch != null && AheadMarks.skips(marks, key, epoch, offset)) {
					continue;
				}
				Replay replay = (key != null && resuming != null) ? resuming.get(key) : null;
				if (replay != null && retained != null) {
					replay.hold(retained);
				}
				else {
					channel.deliver(broadcast, subscriptionId, channel.hasPositions() ? epoch : null, offset);
				}
			}
		}
	}

}
