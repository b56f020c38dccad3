package io.railside.bench.report;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Everything one peer did in one run, with what it was: versions, JVM flags, settings.
 *
 * @param peer the peer's name
 * @param info versions, command line, settings and the generator's own settings
 * @param hold the hold scenario
 * @param broadcast the fixed-rate broadcast
 * @param fanoutMax the fanout-max search
 * @param topics the random-topics run
 * @param storm the connection storm
 * @param echo the echo round trips
 * @param replay subscribers resuming at once (peers that keep history)
 * @param errors scenarios that could not run, and why
 */
public record PeerResult(String peer, Map<String, String> info, @Nullable HoldResult hold,
		@Nullable FlowResult broadcast, @Nullable FanoutResult fanoutMax, @Nullable FlowResult topics,
		@Nullable StormResult storm, @Nullable EchoResult echo, @Nullable ReplayResult replay, List<String> errors) {

}
