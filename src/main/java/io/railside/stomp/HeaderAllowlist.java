package io.railside.stomp;

import io.railside.history.Position;
import io.railside.refusal.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Passes on only the STOMP headers Railside knows, in both broker modes: a SEND's other
 * headers reach every subscriber (and, in stream mode, the stream), and the in-memory
 * broker would evaluate {@code selector}. Frames for acknowledgements and transactions,
 * which Railside does not offer, are refused. Names are matched as STOMP writes them
 * (case-sensitive). It runs after authentication, which reads the token from
 * {@code Authorization} in any spelling and removes it, so nothing is dropped here that
 * authentication needs.
 */
class HeaderAllowlist implements FrameRule {

	private static final Set<String> SUBSCRIBE = Set.of("destination", "id", "receipt", Position.EPOCH_HEADER,
			Position.OFFSET_HEADER);

	private static final Set<String> SEND = Set.of("destination", "content-type", "content-length", "receipt");

	private static final Set<String> UNSUBSCRIBE = Set.of("id", "receipt");

	private static final Set<String> CONNECT = Set.of("accept-version", "heart-beat", "host", "login", "passcode");

	private static final Set<String> DISCONNECT = Set.of("receipt");

	private static final Set<StompCommand> SUPPORTED = Set.of(StompCommand.CONNECT, StompCommand.STOMP,
			StompCommand.SUBSCRIBE, StompCommand.UNSUBSCRIBE, StompCommand.SEND, StompCommand.DISCONNECT);

	@Override
	public Step step() {
		return Step.HEADER_ALLOWLIST;
	}

	@Override
	public @Nullable Refusal check(StompHeaderAccessor frame) {
		StompCommand command = frame.getCommand();
		if (command != null && !SUPPORTED.contains(command)) {
			return Refusal.badFrame("Clients may not send " + command + " frames here.");
		}
		Set<String> allowed = allowed(command);
		if (allowed != null) {
			Map<String, List<String>> headers = frame.toNativeHeaderMap();
			for (String name : headers.keySet()) {
				if (!allowed.contains(name)) {
					frame.removeNativeHeader(name);
				}
			}
		}
		return null;
	}

	private static @Nullable Set<String> allowed(@Nullable StompCommand command) {
		if (command == StompCommand.SUBSCRIBE) {
			return SUBSCRIBE;
		}
		if (command == StompCommand.SEND) {
			return SEND;
		}
		if (command == StompCommand.CONNECT || command == StompCommand.STOMP) {
			return CONNECT;
		}
		if (command == StompCommand.UNSUBSCRIBE) {
			return UNSUBSCRIBE;
		}
		if (command == StompCommand.DISCONNECT) {
			return DISCONNECT;
		}
		return null;
	}

}
