package io.railside.history;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much of each topic's past the in-memory broker keeps for clients that resume.
 *
 * @param enabled whether messages get positions and topics keep history; without it a
 * resume is answered {@code not_supported}
 * @param size the messages each topic keeps, at most
 * @param ttl how long a message is kept
 * @param metaTtl how long a topic's last position is kept after its last message, so that
 * a client of a quiet topic whose messages aged out resumes without a reload
 * @param memory the bytes all topics' messages may take together; past it the oldest
 * messages go first, whatever their topic
 * @param maxTopics the topics whose history or last position is kept, at most; past it
 * the least recently active are forgotten (a client resuming one of them reloads)
 * @param replayMessages the messages one resume may replay, and the live messages it may
 * hold back while it replays; a resume that needs more is answered {@code too_many}
 * @param replayBytes the bytes one resume may replay
 */
@ConfigurationProperties("railside.history")
public record HistoryProperties(@DefaultValue("true") boolean enabled, @DefaultValue("100") int size,
		@DefaultValue("5m") Duration ttl, @DefaultValue("1h") Duration metaTtl, @DefaultValue("64MB") DataSize memory,
		@DefaultValue("100000") int maxTopics, @DefaultValue("1000") int replayMessages,
		@DefaultValue("4MB") DataSize replayBytes) {

}
