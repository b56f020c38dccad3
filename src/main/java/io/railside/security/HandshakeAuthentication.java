package io.railside.security;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import io.railside.refusal.Refusal;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Authenticates a session once, at its handshake, for protocols whose clients cannot send
 * a token later (Action Cable's reads its URL once): the handshake's {@code access_token}
 * or {@code jid}, verified as a STOMP CONNECT's token is, and taken out of the session's
 * attributes. A session without a token is anonymous; its token's {@code exp} does not
 * end it.
 */
public class HandshakeAuthentication {

	/** The claim listing the public Action Cable streams a token allows. */
	static final String STREAMS_CLAIM = "streams";

	private final TokenVerifier verifier;

	HandshakeAuthentication(TokenVerifier verifier) {
		this.verifier = verifier;
	}

	/**
	 * Authenticate a session from its handshake.
	 * @param attributes the session's attributes
	 * @return who it is, or why it is refused
	 */
	public Outcome authenticate(Map<String, Object> attributes) {
		if (!(attributes.remove(AccessTokenHandshake.ATTRIBUTE) instanceof AccessToken token)) {
			return new Outcome(null, null);
		}
		TokenVerifier.Verification verification = this.verifier.verify(token.value());
		return new Outcome(verification.user(), verification.rejection());
	}

	/**
	 * Whether Railside runs open (no JWT settings): everyone may do everything.
	 * @return whether it does
	 */
	public boolean isOpen() {
		return this.verifier.isOpen();
	}

	/**
	 * Whether a user's token allows a public stream: its {@code streams} claim lists the
	 * name, or a prefix of it ending in {@code *}.
	 * @param user the session's user, or {@code null} when anonymous
	 * @param stream the stream name
	 * @return whether it allows it
	 */
	public boolean allowsStream(@Nullable Principal user, String stream) {
		if (!(user instanceof JwtAuthenticationToken jwt)) {
			return false;
		}
		List<String> patterns = jwt.getToken().getClaimAsStringList(STREAMS_CLAIM);
		if (patterns == null) {
			return false;
		}
		for (String pattern : patterns) {
			boolean prefix = pattern.endsWith("*");
			if (prefix ? stream.startsWith(pattern.substring(0, pattern.length() - 1)) : stream.equals(pattern)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The outcome of a handshake's authentication.
	 *
	 * @param user the authenticated user, or {@code null} when anonymous or refused
	 * @param refusal why the token was refused, or {@code null}
	 */
	public record Outcome(@Nullable Principal user, @Nullable Refusal refusal) {

		/**
		 * Whether the token had expired.
		 * @return whether it had
		 */
		public boolean isExpired() {
			return this.refusal != null && this.refusal.code().equals(TokenVerifier.expired().code());
		}

	}

}
