package io.railside.stomp;

import java.util.concurrent.Executor;

import io.railside.fanout.Broadcast;
import io.railside.fanout.Bus;
import io.railside.fanout.BusUserDestinationMessageHandler;
import io.railside.fanout.FanoutBroker;
import io.railside.fanout.Outboxes;
import io.railside.fanout.ReplayPacing;
import io.railside.history.History;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.user.UserDestinationMessageHandler;
import org.springframework.messaging.simp.user.UserDestinationResolver;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;
import org.springframework.web.socket.messaging.SubProtocolHandler;

/**
 * What {@code @EnableWebSocketMessageBroker} sets up, with Railside's own session handler
 * (which also speaks the other sub-protocols, Action Cable's) in place of Spring's so
 * that ERROR frames reach the client before the close, an inbound channel that hands each
 * frame to its handlers in one task ({@link OneTaskChannel}), and an in-memory broker
 * that encodes each broadcast once and keeps the topics' history.
 */
@Configuration(proxyBeanMethods = false)
class StompBrokerConfiguration extends DelegatingWebSocketMessageBrokerConfiguration {

	private final ObjectProvider<History<Broadcast>> history;

	private final ObjectProvider<StompRefusals> refusals;

	private final ObjectProvider<DrainingSubProtocolWebSocketHandler> handler;

	private final ObjectProvider<Bus> bus;

	private final ObjectProvider<SubProtocolHandler> otherProtocols;

	StompBrokerConfiguration(ObjectProvider<History<Broadcast>> history, ObjectProvider<StompRefusals> refusals,
			ObjectProvider<DrainingSubProtocolWebSocketHandler> handler, ObjectProvider<Bus> bus,
			ObjectProvider<SubProtocolHandler> otherProtocols) {
		this.history = history;
		this.refusals = refusals;
		this.handler = handler;
		this.bus = bus;
		this.otherProtocols = otherProtocols;
	}

	/**
	 * The client inbound channel as Spring configures it (executor, interceptors,
	 * logger), handing each message to its subscribers in one task.
	 */
	@Bean
	@Override
	public AbstractSubscribableChannel clientInboundChannel(
			@Qualifier("clientInboundChannelExecutor") Executor executor) {
		AbstractSubscribableChannel stock = super.clientInboundChannel(executor);
		OneTaskChannel channel = new OneTaskChannel(executor);
		channel.setLogger(stock.getLogger());
		channel.setInterceptors(stock.getInterceptors());
		return channel;
	}

	@Bean
	@Override
	public DrainingSubProtocolWebSocketHandler subProtocolWebSocketHandler(
			AbstractSubscribableChannel clientInboundChannel, AbstractSubscribableChannel clientOutboundChannel) {
		DrainingSubProtocolWebSocketHandler handler = new DrainingSubProtocolWebSocketHandler(clientInboundChannel,
				clientOutboundChannel, this.refusals::getObject);
		handler.setPhase(getPhase());
		// Action Cable's, beside the STOMP handler Spring's endpoint registry adds.
		this.otherProtocols.orderedStream().forEach(handler::addProtocolHandler);
		return handler;
	}

	@Bean
	@Override
	public @Nullable AbstractBrokerMessageHandler simpleBrokerMessageHandler(
			AbstractSubscribableChannel clientInboundChannel, AbstractSubscribableChannel clientOutboundChannel,
			AbstractSubscribableChannel brokerChannel, UserDestinationResolver userDestinationResolver) {
		LazyPacing pacing = new LazyPacing(this.handler);
		AbstractBrokerMessageHandler stock = super.simpleBrokerMessageHandler(clientInboundChannel,
				clientOutboundChannel, brokerChannel, userDestinationResolver);
		return (stock instanceof SimpleBrokerMessageHandler simple)
				? new FanoutBroker(simple, this.history.getObject(), pacing, pacing, this.bus.getIfAvailable()) : stock;
	}

	@Bean
	@Override
	public UserDestinationMessageHandler userDestinationMessageHandler(AbstractSubscribableChannel clientInboundChannel,
			AbstractSubscribableChannel clientOutboundChannel, AbstractSubscribableChannel brokerChannel,
			UserDestinationResolver userDestinationResolver) {
		Bus bus = this.bus.getIfAvailable();
		if (bus == null) {
			return super.userDestinationMessageHandler(clientInboundChannel, clientOutboundChannel, brokerChannel,
					userDestinationResolver);
		}
		UserDestinationMessageHandler handler = new BusUserDestinationMessageHandler(clientInboundChannel,
				brokerChannel, userDestinationResolver, bus);
		handler.setPhase(getPhase());
		return handler;
	}

	/**
	 * The session handler's pacing, looked up when a replay first needs it: the broker is
	 * created before the handler.
	 */
	private record LazyPacing(
			ObjectProvider<DrainingSubProtocolWebSocketHandler> handler) implements ReplayPacing, Outboxes {

		@Override
		public @Nullable MessageChannel outbox(String sessionId) {
			return this.handler.getObject().outbox(sessionId);
		}

		@Override
		public int pageBytes() {
			return this.handler.getObject().pageBytes();
		}

		@Override
		public void cutOff(String sessionId) {
			this.handler.getObject().cutOff(sessionId);
		}

	}

}
