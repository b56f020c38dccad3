package io.railside.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Per-session and per-server limits. Each violation ends only the offending session, with
 * its own ERROR code.
 *
 * @param subscriptions the most subscriptions one session may hold
 * ({@code limit.subscriptions})
 * @param framesPerSecond the sustained rate of inbound frames per session
 * ({@code rate_limited})
 * @param frameBurst how many frames a session may send at once above that rate
 * @param headersPerFrame the most headers in one frame ({@code bad_frame})
 * @param headerLength the longest header name plus value ({@code bad_frame})
 * @param sessions the most STOMP sessions (WebSocket and SockJS) open at once; a
 * handshake past it gets 503
 * @param sendTimeLimit how long a send to one client may take before that client is cut
 * off as a slow consumer
 * @param sendBufferSize how much may queue for one client before it is cut off as a slow
 * consumer
 * @param sessionsPerAddress the most sessions (STOMP and echo) open at once from one
 * client address (an IPv6 /64); a handshake past it gets 503. Generous, since offices and
 * mobile carriers put many people behind one address; far below {@code sessions}, so that
 * no one address can keep others out
 * @param sessionsPerUser the most STOMP sessions one authenticated user holds at once; a
 * CONNECT past it gets {@code limit.sessions}
 * @param connectTimeout how long a STOMP session may stay open without completing CONNECT
 * ({@code connect.timeout})
 * @param echoSessions the most echo sockets open at once, counted apart from
 * {@code sessions} so that the echo never takes STOMP's places
 * @param echoIdleTimeout how long an echo socket may stay silent before it is closed
 * @param sockjsWaitingSessions the most SockJS sessions at once that wait for their next
 * HTTP request (xhr polling, streaming and the like between two requests); a request that
 * would open another gets 503. Above {@code sessionsPerAddress}, so that no one address
 * fills it
 * @param sockjsDisconnectDelay how long a SockJS session may wait for its next HTTP
 * request before it is closed (SockJS's disconnect delay; checked as often, so such a
 * session is gone within twice this)
 * @param bytesPerSecond the sustained rate of inbound bytes per session, headers and
 * bodies ({@code rate_limited}). The broker copies what one client sends to every
 * subscriber of the topic, so this is also the rate one sender can push at each of them.
 * The default, 64KB (half a megabit a second), lets a client send a largest frame every
 * second, far above what chat or app traffic needs (a message of a kilobyte several times
 * a second), and keeps one sender's broadcasts within what a poor mobile link takes in,
 * so that no subscriber is cut off as a slow consumer because of one sender. At the frame
 * rate alone, 50 frames of 64 KiB a second (25 megabits) would cut off every subscriber
 * on a slower link.
 * @param byteBurst how many bytes a session may send at once above that rate; at least
 * {@code railside.stomp.max-frame-size}, or frames of that size never pass. The default,
 * 256KB, is four of the largest frames, and half of the default {@code send-buffer-size},
 * so that one sender's burst alone never fills a subscriber's buffer.
 * @param echoSessionsPerAddress the most echo sockets open at once from one client
 * address; a tenth of {@code echoSessions}, so that no one address can fill the echo
 */
@ConfigurationProperties("railside.limits")
public record LimitProperties(@DefaultValue("100") int subscriptions, @DefaultValue("50") int framesPerSecond,
		@DefaultValue("200") int frameBurst, @DefaultValue("32") int headersPerFrame,
		@DefaultValue("8192") int headerLength, @DefaultValue("10000") int sessions,
		@DefaultValue("10s") Duration sendTimeLimit, @DefaultValue("512KB") DataSize sendBufferSize,
		@DefaultValue("1000") int sessionsPerAddress, @DefaultValue("100") int sessionsPerUser,
		@DefaultValue("10s") Duration connectTimeout, @DefaultValue("1000") int echoSessions,
		@DefaultValue("60s") Duration echoIdleTimeout, @DefaultValue("5000") int sockjsWaitingSessions,
		@DefaultValue("5s") Duration sockjsDisconnectDelay, @DefaultValue("64KB") DataSize bytesPerSecond,
		@DefaultValue("256KB") DataSize byteBurst, @DefaultValue("100") int echoSessionsPerAddress) {

}
