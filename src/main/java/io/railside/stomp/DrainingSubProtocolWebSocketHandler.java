package io.railside.stomp;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Spring's STOMP session handler, with sessions that send what is queued before they
 * close.
 */
class DrainingSubProtocolWebSocketHandler extends SubProtocolWebSocketHandler {

	DrainingSubProtocolWebSocketHandler(MessageChannel clientInboundChannel,
			SubscribableChannel clientOutboundChannel) {
		super(clientInboundChannel, clientOutboundChannel);
	}

	@Override
	protected WebSocketSession decorateSession(WebSocketSession session) {
		return new DrainBeforeCloseSession(session, getSendTimeLimit(), getSendBufferSizeLimit());
	}

}
