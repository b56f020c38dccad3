package io.railside.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The results as Markdown: the targets first, then one table per scenario, every
 * throughput figure beside the server CPU time it cost.
 */
final class MarkdownReport {

	private final List<PeerResult> peers;

	private final List<TargetCheck> targets;

	MarkdownReport(List<PeerResult> peers, List<TargetCheck> targets) {
		this.peers = peers;
		this.targets = targets;
	}

	String render(List<String> notes) {
		StringBuilder out = new StringBuilder();
		notes.forEach((note) -> out.append(note).append("\n"));
		section(out, "Targets", targets());
		section(out, "fanout-max: sustained broadcast (one topic, rising rate; p99 <= 250 ms, no loss)", fanout());
		HistoryTables history = new HistoryTables(byName());
		section(out, "history: Railside with history on against history off (same run)", history.onAgainstOff());
		section(out, "replay: subscribers that missed the same messages resume at once", history.replay(this.peers));
		section(out, "broadcast: fixed rate, one topic", flows(PeerResult::broadcast, true));
		section(out, "topics: one session per topic, random topics", flows(PeerResult::topics, false));
		section(out, "hold: idle subscribed sessions, server memory per session", hold());
		section(out, "storm: connect + CONNECT + SUBSCRIBE at a fixed arrival rate", storm());
		section(out, "echo: raw WebSocket round trips", echo());
		errors(out);
		return out.toString();
	}

	private Map<String, PeerResult> byName() {
		Map<String, PeerResult> byName = new LinkedHashMap<>();
		this.peers.forEach((peer) -> byName.put(peer.peer(), peer));
		return byName;
	}

	private MarkdownTable targets() {
		MarkdownTable table = new MarkdownTable("Target", "Measured (same run)", "Verdict");
		this.targets.forEach((check) -> table.row(check.target(), check.measured(), "**" + check.verdict() + "**"));
		return table;
	}

	private MarkdownTable fanout() {
		MarkdownTable table = new MarkdownTable("Peer", "Subscribers", "Sustained deliveries/s", "p99 ms there",
				"Server CPU µs/delivery", "of which RabbitMQ µs/delivery", "Generator CPU µs/delivery", "Steps",
				"Stopped because");
		for (PeerResult peer : this.peers) {
			FanoutResult fanout = peer.fanoutMax();
			if (fanout != null) {
				FlowResult best = fanout.sustained();
				table.row(peer.peer(), Numbers.count(fanout.subscribers()),
						Numbers.count(fanout.sustainedDeliveriesPerSecond()),
						(best != null) ? Numbers.millis(best.latency().p99()) : "-",
						(best != null) ? Numbers.micros(best.serverCpuMicrosPerDelivery()) : "-",
						(best != null) ? Numbers.micros(best.brokerCpuMicrosPerDelivery()) : "-",
						(best != null) ? Numbers.micros(best.generatorCpuMicrosPerDelivery()) : "-", steps(fanout),
						fanout.stopReason());
			}
		}
		return table;
	}

	private static String steps(FanoutResult fanout) {
		return fanout.steps()
			.stream()
			.map((step) -> Numbers.count(step.offeredDeliveriesPerSecond())
					+ (step.holds(fanout.p99LimitMillis()) ? " ok" : " fail"))
			.collect(Collectors.joining(", "));
	}

	private MarkdownTable flows(java.util.function.Function<PeerResult, FlowResult> scenario, boolean broadcast) {
		MarkdownTable table = new MarkdownTable("Peer", "Sessions", "Offered deliveries/s", "Delivered/s", "p50 ms",
				"p99 ms", "p99.9 ms", broadcast ? "Last subscriber p99 ms" : "max ms", "Lost", "Dup",
				"Server CPU µs/delivery", "of which RabbitMQ µs/delivery");
		for (PeerResult peer : this.peers) {
			FlowResult flow = scenario.apply(peer);
			if (flow != null) {
				table.row(peer.peer(), Numbers.count(flow.subscribers()),
						Numbers.count(flow.offeredDeliveriesPerSecond()), Numbers.count(flow.deliveriesPerSecond()),
						Numbers.millis(flow.latency().p50()), Numbers.millis(flow.latency().p99()),
						Numbers.millis(flow.latency().p999()),
						Numbers.millis(
								(flow.lastSubscriber() != null) ? flow.lastSubscriber().p99() : flow.latency().max()),
						Long.toString(flow.lost()), Long.toString(flow.duplicates()),
						Numbers.micros(flow.serverCpuMicrosPerDelivery()),
						Numbers.micros(flow.brokerCpuMicrosPerDelivery()));
			}
		}
		return table;
	}

	private MarkdownTable hold() {
		MarkdownTable table = new MarkdownTable("Peer", "Sessions held", "Heap after GC KiB/session",
				"Native (NMT) KiB/session", "Heap + native KiB/session", "RSS KiB/session", "Failures");
		for (PeerResult peer : this.peers) {
			HoldResult hold = peer.hold();
			if (hold != null) {
				table.row(peer.peer(), Numbers.count(hold.connected()), Numbers.kib(hold.heapPerSession()),
						Numbers.kib(hold.nativePerSession()), Numbers.kib(hold.heapAndNativePerSession()),
						Numbers.kib(hold.rssPerSession()), failures(hold.failureReasons()));
			}
		}
		return table;
	}

	private MarkdownTable storm() {
		MarkdownTable table = new MarkdownTable("Peer", "Sessions", "Arrivals/s", "Connected", "Failures",
				"CONNECTED p50 ms", "p99 ms", "p99.9 ms", "max ms", "Server CPU µs/session", "Generator processes");
		for (PeerResult peer : this.peers) {
			StormResult storm = peer.storm();
			if (storm != null) {
				table.row(peer.peer(), Numbers.count(storm.sessions()), Numbers.count(storm.perSecond()),
						Numbers.count(storm.connected()), failures(storm.failureReasons()),
						Numbers.millis(storm.connectedLatency().p50()), Numbers.millis(storm.connectedLatency().p99()),
						Numbers.millis(storm.connectedLatency().p999()), Numbers.millis(storm.connectedLatency().max()),
						Numbers.micros(storm.serverCpuMicrosPerSession()), Integer.toString(storm.processes()));
			}
		}
		return table;
	}

	private MarkdownTable echo() {
		MarkdownTable table = new MarkdownTable("Peer", "Connections", "Offered/s", "Round trips/s", "p50 ms", "p99 ms",
				"p99.9 ms", "Lost", "Server CPU µs/round trip");
		for (PeerResult peer : this.peers) {
			EchoResult echo = peer.echo();
			if (echo != null) {
				table.row(peer.peer(), Integer.toString(echo.connections()), Numbers.count(echo.perSecond()),
						Numbers.count(echo.roundTripsPerSecond()), Numbers.millis(echo.latency().p50()),
						Numbers.millis(echo.latency().p99()), Numbers.millis(echo.latency().p999()),
						Long.toString(echo.sent() - echo.received()),
						Numbers.micros(echo.serverCpuMicrosPerRoundTrip()));
			}
		}
		return table;
	}

	private static String failures(Map<String, Long> reasons) {
		long total = reasons.values().stream().mapToLong(Long::longValue).sum();
		return (total == 0) ? "0" : total + " (" + reasons + ")";
	}

	private static void section(StringBuilder out, String title, MarkdownTable table) {
		if (!table.isEmpty()) {
			out.append("\n### ").append(title).append("\n\n").append(table.render());
		}
	}

	private void errors(StringBuilder out) {
		for (PeerResult peer : this.peers) {
			peer.errors().forEach((error) -> out.append("\n- ").append(peer.peer()).append(" ").append(error));
		}
	}

}
