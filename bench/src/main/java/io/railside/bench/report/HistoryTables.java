package io.railside.bench.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The tables of what history costs and what it gives: Railside with history on beside the
 * same Railside with history off, figure by figure with their ratio, and the replay to
 * subscribers resuming at once.
 */
final class HistoryTables {

	private final Map<String, PeerResult> peers;

	HistoryTables(Map<String, PeerResult> peers) {
		this.peers = peers;
	}

	MarkdownTable onAgainstOff() {
		MarkdownTable table = new MarkdownTable("Figure", "History on", "History off", "On/off");
		Optional<FanoutResult> onFanout = get(Peers.RAILSIDE, PeerResult::fanoutMax);
		Optional<FanoutResult> offFanout = get(Peers.HISTORY_OFF, PeerResult::fanoutMax);
		if (onFanout.isPresent() || offFanout.isPresent()) {
			int subscribers = onFanout.or(() -> offFanout).map(FanoutResult::subscribers).orElse(0);
			row(table, String.format("fanout-max: sustained deliveries/s (%,d subscribers)", subscribers),
					onFanout.map(FanoutResult::sustainedDeliveriesPerSecond).orElse(null),
					offFanout.map(FanoutResult::sustainedDeliveriesPerSecond).orElse(null), Numbers::count);
			row(table, "fanout-max: p99 ms at that rate", best(onFanout, (best) -> best.latency().p99()),
					best(offFanout, (best) -> best.latency().p99()), Numbers::millis);
			row(table, "fanout-max: server CPU µs/delivery at that rate",
					best(onFanout, FlowResult::serverCpuMicrosPerDelivery),
					best(offFanout, FlowResult::serverCpuMicrosPerDelivery), Numbers::micros);
			row(table, "fanout-max: lowest step that failed, deliveries/s",
					onFanout.map(FanoutResult::lowestFailedDeliveriesPerSecond).orElse(null),
					offFanout.map(FanoutResult::lowestFailedDeliveriesPerSecond).orElse(null), Numbers::count);
		}
		Optional<HoldResult> onHold = get(Peers.RAILSIDE, PeerResult::hold);
		Optional<HoldResult> offHold = get(Peers.HISTORY_OFF, PeerResult::hold);
		if (offHold.isPresent()) {
			row(table, String.format("hold: heap + native KiB/session (%,d sessions)", offHold.get().sessions()),
					onHold.map(HoldResult::heapAndNativePerSession).orElse(null),
					offHold.get().heapAndNativePerSession(), Numbers::kib);
			row(table, "hold: heap after GC KiB/session", onHold.map(HoldResult::heapPerSession).orElse(null),
					offHold.get().heapPerSession(), Numbers::kib);
			row(table, "hold: RSS KiB/session", onHold.map(HoldResult::rssPerSession).orElse(null),
					offHold.get().rssPerSession(), Numbers::kib);
		}
		return table;
	}

	MarkdownTable replay(List<PeerResult> ordered) {
		MarkdownTable table = new MarkdownTable("Peer", "Subscribers", "Missed messages each", "RECEIPTs", "Complete",
				"Cut off", "Lost", "Dup", "Out of order", "All replayed in s", "Per subscriber p50 ms", "p99 ms",
				"max ms", "RECEIPT p99 ms", "Replayed deliveries/s", "Server CPU µs/delivery",
				"Reconnect before the burst");
		for (PeerResult peer : ordered) {
			ReplayResult replay = peer.replay();
			if (replay != null) {
				table.row(peer.peer(), Numbers.count(replay.subscribers()), Numbers.count(replay.messages()),
						answers(replay.answers()), Numbers.count(replay.complete()),
						failures(replay.cutOffCount(), replay.cutOff()), Long.toString(replay.lost()),
						Long.toString(replay.duplicates()), Long.toString(replay.outOfOrder()),
						(replay.allSeconds() != null) ? Numbers.seconds(replay.allSeconds()) : "-",
						Numbers.millis(replay.perSubscriber().p50()), Numbers.millis(replay.perSubscriber().p99()),
						Numbers.millis(replay.perSubscriber().max()), Numbers.millis(replay.receipt().p99()),
						Numbers.count(replay.deliveriesPerSecond()),
						Numbers.micros(replay.serverCpuMicrosPerDelivery()),
						Numbers.seconds(replay.reconnectSeconds()) + " s, failures "
								+ failures(
										replay.reconnectFailures().values().stream().mapToLong(Long::longValue).sum(),
										replay.reconnectFailures()));
			}
		}
		return table;
	}

	private static void row(MarkdownTable table, String figure, @Nullable Double on, @Nullable Double off,
			Function<Double, String> format) {
		table.row(figure, (on != null) ? format.apply(on) : "-", (off != null) ? format.apply(off) : "-",
				(on != null && off != null) ? Numbers.ratio(on / off) : "-");
	}

	private static @Nullable Double best(Optional<FanoutResult> fanout, Function<FlowResult, @Nullable Double> value) {
		return fanout.map(FanoutResult::sustained).map(value).orElse(null);
	}

	private static String answers(Map<String, Long> answers) {
		return answers.entrySet()
			.stream()
			.map((answer) -> answer.getKey() + " " + Numbers.count(answer.getValue()))
			.collect(Collectors.joining(", "));
	}

	private static String failures(long total, Map<String, Long> reasons) {
		return (total == 0) ? "0" : total + " (" + reasons + ")";
	}

	private <T> Optional<T> get(String peer, Function<PeerResult, @Nullable T> scenario) {
		return Peers.find(this.peers, peer).map(scenario);
	}

}
