package io.railside.security;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.railside.stomp.FrameRule;
import io.railside.refusal.Refusal;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.messaging.access.intercept.MessageAuthorizationContext;
import org.springframework.security.messaging.access.intercept.MessageMatcherDelegatingAuthorizationManager;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who may read and write which topic, with Spring Security's message authorization: a
 * SUBSCRIBE to {@code /topic/x} needs a {@code subscribe} claim pattern matching
 * {@code x}, a SEND to {@code /topic/x} or {@code /app/x} a {@code publish} pattern, and
 * each user reads only their own {@code /user/queue/...}. It runs after the destination
 * rules, so only well-formed destinations reach it. In open mode it lets all through.
 */
class TopicAuthorization implements FrameRule {

	private final TokenVerifier verifier;

	private final AuthorizationManager<Message<?>> authorization = MessageMatcherDelegatingAuthorizationManager
		.builder()
		.simpSubscribeDestMatchers("/topic/**")
		.access(claim("subscribe", "/topic/"))
		.simpMessageDestMatchers("/topic/**")
		.access(claim("publish", "/topic/"))
		.simpMessageDestMatchers("/app/**")
		.access(claim("publish", "/app/"))
		.simpSubscribeDestMatchers("/user/queue/**")
		.authenticated()
		.simpTypeMatchers(SimpMessageType.SUBSCRIBE, SimpMessageType.MESSAGE)
		.denyAll()
		.anyMessage()
		.permitAll()
		.build();

	TopicAuthorization(TokenVerifier verifier) {
		this.verifier = verifier;
	}

	@Override
	public Step step() {
		return Step.AUTHORIZATION;
	}

	@Override
	public @Nullable Refusal check(StompHeaderAccessor frame) {
		if (this.verifier.isOpen()) {
			return null;
		}
		Message<byte[]> message = MessageBuilder.createMessage(new byte[0], frame.getMessageHeaders());
		Supplier<Authentication> user = () -> (Authentication) frame.getUser();
		AuthorizationResult result = this.authorization.authorize(user, message);
		if (result == null || result.isGranted()) {
			return null;
		}
		return Refusal.forbidden(
				"This token does not allow " + frame.getCommand() + " to " + frame.getDestination() + ".",
				FrameRule.endsFor(frame.getCommand()));
	}

	private static AuthorizationManager<MessageAuthorizationContext<?>> claim(String claim, String prefix) {
		return (authentication, context) -> {
			String destination = SimpMessageHeaderAccessor.getDestination(context.getMessage().getHeaders());
			Authentication user = authentication.get();
			if (!(user instanceof JwtAuthenticationToken jwt) || destination == null) {
				return new AuthorizationDecision(false);
			}
			List<String> patterns = jwt.getToken().getClaimAsStringList(claim);
			String topic = destination.substring(prefix.length());
			return new AuthorizationDecision(patterns != null && TopicPatterns.anyMatches(patterns, topic));
		};
	}

}
