package io.railside.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.railside.bench.measure.Latency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryTablesTests {

	@Test
	void putsHistoryOnBesideHistoryOffWithTheRatio() {
		Map<String, PeerResult> peers = new LinkedHashMap<>();
		peers.put(Peers.RAILSIDE, fanout(Peers.RAILSIDE, 54_000, 60_000));
		peers.put(Peers.HISTORY_OFF, fanout(Peers.HISTORY_OFF, 56_000, 62_000));

		String table = new HistoryTables(peers).onAgainstOff().render();

		assertThat(table)
			.contains("| fanout-max: sustained deliveries/s (5,000 subscribers) | 54,000 | 56,000 | 0.96x |")
			.contains("| fanout-max: lowest step that failed, deliveries/s | 60,000 | 62,000 | 0.97x |");
	}

	@Test
	void saysWhatIsMissingAsADash() {
		Map<String, PeerResult> peers = new LinkedHashMap<>();
		peers.put(Peers.RAILSIDE, fanout(Peers.RAILSIDE, 54_000, 60_000));

		String table = new HistoryTables(peers).onAgainstOff().render();

		assertThat(table).contains("| fanout-max: sustained deliveries/s (5,000 subscribers) | 54,000 | - | - |");
	}

	@Test
	void listsTheReplayOfEachPeerThatRanIt() {
		PeerResult railside = new PeerResult(Peers.RAILSIDE, Map.of(), null, null, null, null, null, null,
				TargetsTests.replay(Map.of()), List.of());

		String table = new HistoryTables(Map.of()).replay(List.of(railside)).render();

		assertThat(table).contains("| railside | 1,000 | 1,000 | recovered 1,000 | 1,000 | 0 | 0 | 0 | 0 | 4.20 |");
	}

	private static PeerResult fanout(String peer, double held, double failed) {
		Latency latency = new Latency(100, 1, 10, 20, 30);
		FlowResult ok = new FlowResult(5000, held / 5000, held, 10, 10, 1, 1, 0, 0, held, latency, latency, 5.0, null,
				2.0, 1.0, 0);
		FlowResult fail = new FlowResult(5000, failed / 5000, failed, 10, 10, 1, 0, 1, 0, failed, latency, latency, 5.0,
				null, 2.0, 1.0, 0);
		FanoutResult result = new FanoutResult(5000, 250, List.of(ok, fail), ok, "failed");
		return new PeerResult(peer, Map.of(), null, null, result, null, null, null, null, List.of());
	}

}
