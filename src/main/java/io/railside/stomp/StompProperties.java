package io.railside.stomp;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the STOMP endpoints and the in-memory broker.
 *
 * @param allowedOrigins origins (patterns) allowed to open {@code /stomp} and
 * {@code /sockjs}; {@code *} allows all
 * @param maxFrameSize the largest inbound STOMP frame; a larger one gets ERROR
 * {@code frame.too_large}
 * @param maxDestinationLength the longest topic or queue name
 * @param heartbeatSend how often the server offers to send heart-beats (0 never)
 * @param heartbeatReceive how often the server asks clients to send heart-beats (0 never)
 */
@ConfigurationProperties("railside.stomp")
public record StompProperties(@DefaultValue("*") List<String> allowedOrigins,
		@DefaultValue("64KB") DataSize maxFrameSize, @DefaultValue("200") int maxDestinationLength,
		@DefaultValue("10s") Duration heartbeatSend, @DefaultValue("10s") Duration heartbeatReceive) {

	/**
	 * Topics whose names start with this carry messages between Railside instances;
	 * clients may not use them.
	 */
	public static final String INTERNAL_TOPIC_PREFIX = "railside-internal.";

	/**
	 * The heart-beat intervals the server offers, as STOMP's {@code heart-beat} header.
	 * @return send and receive intervals in milliseconds
	 */
	public long[] heartbeat() {
		return new long[] { this.heartbeatSend.toMillis(), this.heartbeatReceive.toMillis() };
	}

}
