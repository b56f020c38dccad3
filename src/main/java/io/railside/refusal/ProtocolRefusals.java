package io.railside.refusal;

import org.springframework.web.socket.WebSocketSession;

/**
 * A sub-protocol's own way of refusing a whole session, for refusals the shared session
 * handler decides (a client too slow to catch up with its replay): each protocol tells
 * its client in its own words before the session closes.
 */
public interface ProtocolRefusals {

	/**
	 * End a session with a refusal.
	 * @param session the session
	 * @param refusal why
	 */
	void refuse(WebSocketSession session, Refusal refusal);

}
