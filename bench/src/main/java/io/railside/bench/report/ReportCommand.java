package io.railside.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.railside.bench.Options;

import org.jspecify.annotations.Nullable;

/**
 * The {@code report} command: gathers the peers' JSON files of one run and writes
 * {@code results.json}, {@code results.md} and {@code results.svg}, then prints the
 * Markdown.
 */
public final class ReportCommand {

	private ReportCommand() {
	}

	public static void main(Options options) throws IOException {
		Path directory = Path.of(options.get("dir"));
		List<PeerResult> peers = ResultFiles.readPeers(directory);
		Map<String, PeerResult> byName = new LinkedHashMap<>();
		peers.forEach((peer) -> byName.put(peer.peer(), peer));
		List<TargetCheck> targets = new Targets(byName).check();
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("notes", options.pairs("note").values());
		all.put("targets", targets);
		all.put("peers", peers);
		ResultFiles.write(directory.resolve("results.json"), all);
		List<String> notes = new ArrayList<>(options.pairs("note").values());
		notes.replaceAll((note) -> note + "  ");
		String markdown = new MarkdownReport(peers, targets).render(notes);
		Files.writeString(directory.resolve("results.md"), markdown);
		Files.writeString(directory.resolve("results.svg"), chart(peers, options.get("title", "Railside bench")));
		System.out.println(markdown);
	}

	static String chart(List<PeerResult> peers, String title) {
		List<SvgChart.Panel> panels = new ArrayList<>();
		panels.add(panel(peers, "fanout-max: sustained deliveries/s, p99 <= 250 ms and no loss (higher is better)",
				(peer) -> (peer.fanoutMax() != null) ? peer.fanoutMax().sustainedDeliveriesPerSecond() : null,
				Numbers::count));
		panels.add(panel(peers, "fanout-max: server CPU µs per delivery at that rate (lower is better)",
				ReportCommand::cpuPerDelivery, Numbers::micros));
		panels.add(panel(peers, "broadcast: p99 latency, ms (lower is better)",
				(peer) -> (peer.broadcast() != null) ? peer.broadcast().latency().p99() : null, Numbers::millis));
		panels.add(panel(peers, "hold: heap after GC + native, KiB per idle session (lower is better)",
				(peer) -> (peer.hold() != null) ? peer.hold().heapAndNativePerSession() : null,
				(bytes) -> Numbers.kib(bytes)));
		panels.add(panel(peers, "storm: CONNECTED p99, ms (lower is better)",
				(peer) -> (peer.storm() != null) ? peer.storm().connectedLatency().p99() : null, Numbers::millis));
		panels.removeIf((panel) -> panel.bars().isEmpty());
		return SvgChart.render(title, panels);
	}

	private static @Nullable Double cpuPerDelivery(PeerResult peer) {
		FanoutResult fanout = peer.fanoutMax();
		return (fanout != null && fanout.sustained() != null) ? fanout.sustained().serverCpuMicrosPerDelivery() : null;
	}

	private static SvgChart.Panel panel(List<PeerResult> peers, String title,
			Function<PeerResult, @Nullable Double> value, Function<Double, String> text) {
		List<SvgChart.Bar> bars = peers.stream()
			.filter((peer) -> value.apply(peer) != null)
			.map((peer) -> new SvgChart.Bar(peer.peer(), Objects.requireNonNull(value.apply(peer)),
					text.apply(value.apply(peer))))
			.toList();
		return new SvgChart.Panel(title, bars);
	}

}
