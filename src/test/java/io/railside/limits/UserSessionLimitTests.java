package io.railside.limits;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UserSessionLimit}: two sessions a user here.
 */
class UserSessionLimitTests {

	private final UserSessionLimit limit = new UserSessionLimit(2);

	private final Principal alice = () -> "alice";

	@Test
	void refusesAUsersConnectPastTheCapAndFreesAPlaceOnDisconnect() {
		Map<String, Object> first = new HashMap<>();
		assertThat(this.limit.check(connect("s1", first))).isNull();
		assertThat(this.limit.check(connect("s2", new HashMap<>()))).isNull();
		assertThat(this.limit.check(connect("s3", new HashMap<>()))).extracting("code").isEqualTo("limit.sessions");
		this.limit.onDisconnect(disconnected("s1", first));
		assertThat(this.limit.check(connect("s4", new HashMap<>()))).isNull();
		assertThat(this.limit.held("alice")).isEqualTo(2);
	}

	@Test
	void aConnectCheckedAfterItsSessionEndedHoldsNoPlace() {
		Map<String, Object> attributes = new HashMap<>();
		this.limit.onDisconnect(disconnected("s1", attributes));
		assertThat(this.limit.check(connect("s1", attributes))).isNull();
		assertThat(this.limit.held("alice")).isZero();
	}

	private StompHeaderAccessor connect(String sessionId, Map<String, Object> attributes) {
		StompHeaderAccessor connect = StompHeaderAccessor.create(StompCommand.CONNECT);
		connect.setSessionId(sessionId);
		connect.setSessionAttributes(attributes);
		connect.setUser(this.alice);
		return connect;
	}

	private SessionDisconnectEvent disconnected(String sessionId, Map<String, Object> attributes) {
		StompHeaderAccessor disconnect = StompHeaderAccessor.create(StompCommand.DISCONNECT);
		disconnect.setSessionId(sessionId);
		disconnect.setSessionAttributes(attributes);
		Message<byte[]> message = MessageBuilder.createMessage(new byte[0], disconnect.getMessageHeaders());
		return new SessionDisconnectEvent(this, message, sessionId, CloseStatus.NORMAL, this.alice);
	}

}
