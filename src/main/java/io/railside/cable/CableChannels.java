package io.railside.cable;

import java.security.Principal;

import io.railside.security.HandshakeAuthentication;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channels Railside serves without Ruby, and which stream a subscription's
 * {@code identifier} asks for: {@code Turbo::StreamsChannel} and {@code $pubsub} with a
 * {@code signed_stream_name} (its own permission, anonymous visitors included), and
 * {@code $pubsub} with a public {@code stream_name}, which needs the setting or a
 * {@code streams} claim. Every other identifier is rejected.
 */
class CableChannels {

	static final String TURBO = "Turbo::StreamsChannel";

	static final String PUBSUB = "$pubsub";

	private final SignedStreamNames signed;

	private final HandshakeAuthentication authentication;

	private final boolean publicStreams;

	private final JsonMapper json;

	private final int maxNameLength;

	CableChannels(SignedStreamNames signed, HandshakeAuthentication authentication, boolean publicStreams,
			JsonMapper json, int maxNameLength) {
		this.signed = signed;
		this.authentication = authentication;
		this.publicStreams = publicStreams;
		this.json = json;
		this.maxNameLength = maxNameLength;
	}

	/**
	 * The stream an identifier asks for, if this user may have it.
	 * @param identifier the subscription's identifier, as the client sent it
	 * @param user the session's user, or {@code null} when anonymous
	 * @return the stream name, or {@code null} when the subscription is rejected
	 */
	@Nullable String streamOf(String identifier, @Nullable Principal user) {
		JsonNode channel = parse(identifier);
		if (channel == null) {
			return null;
		}
		String name = channel.path("channel").asString(null);
		String signedName = channel.path("signed_stream_name").asString(null);
		String publicName = channel.path("stream_name").asString(null);
		String stream = null;
		if ((TURBO.equals(name) || PUBSUB.equals(name)) && signedName != null) {
			stream = this.signed.verify(signedName);
		}
		else if (PUBSUB.equals(name) && publicName != null && mayHavePublic(user, publicName)) {
			stream = publicName;
		}
		return (stream != null && !stream.isEmpty() && stream.length() <= this.maxNameLength) ? stream : null;
	}

	private boolean mayHavePublic(@Nullable Principal user, String stream) {
		return this.publicStreams || this.authentication.isOpen() || this.authentication.allowsStream(user, stream);
	}

	private @Nullable JsonNode parse(String identifier) {
		try {
			JsonNode node = this.json.readTree(identifier);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
