package io.railside.bench.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.railside.bench.Options;
import io.railside.bench.client.Transport;
import io.railside.bench.load.Payload;
import io.railside.bench.measure.CpuProbe;
import io.railside.bench.report.EchoResult;
import io.railside.bench.report.FanoutResult;
import io.railside.bench.report.FlowResult;
import io.railside.bench.report.HoldResult;
import io.railside.bench.report.PeerResult;
import io.railside.bench.report.ReplayResult;
import io.railside.bench.report.ResultFiles;
import io.railside.bench.report.StormResult;

import org.jspecify.annotations.Nullable;

/**
 * The {@code run} command: the chosen scenarios against one peer, in a fixed order (hold
 * first, on a fresh server), each failure recorded rather than fatal; the result goes to
 * one JSON file.
 */
public final class PeerRun {

	private static final int EVENT_LOOPS = 2;

	private final List<String> errors = new ArrayList<>();

	private final List<String> scenarios;

	private PeerRun(List<String> scenarios) {
		this.scenarios = scenarios;
	}

	public static void main(Options options) throws Exception {
		Plan plan = Plan.of(options.get("mode", "quick"));
		String holdSessions = options.get("hold-sessions", "");
		if (!holdSessions.isEmpty()) {
			plan = plan.withHoldSessions(Integer.parseInt(holdSessions));
		}
		String broadcastRate = options.get("broadcast-rate", "");
		if (!broadcastRate.isEmpty()) {
			plan = plan.withBroadcast(Double.parseDouble(broadcastRate),
					Integer.parseInt(options.get("broadcast-seconds", String.valueOf(plan.broadcastSeconds()))));
		}
		String topicsRate = options.get("topics-rate", "");
		if (!topicsRate.isEmpty()) {
			plan = plan.withTopics(Double.parseDouble(topicsRate),
					Integer.parseInt(options.get("topics-seconds", String.valueOf(plan.topicsSeconds()))));
		}
		List<String> scenarios = Arrays.asList(options.get("scenarios").split(","));
		String echo = options.get("echo-url", "");
		try (Transport transport = Transport.create(EVENT_LOOPS)) {
			ScenarioContext context = new ScenarioContext(transport, URI.create(options.get("url")),
					echo.isEmpty() ? null : URI.create(echo), options.pairs("header"),
					new CpuProbe(pids(options, "pids")), new CpuProbe(pids(options, "broker-pids")),
					Long.parseLong(options.get("memory-pid", "0")), Boolean.parseBoolean(options.get("jvm", "false")),
					plan);
			PeerRun run = new PeerRun(scenarios);
			PeerResult result = run.execute(options.get("peer"), info(options, plan, transport), context);
			ResultFiles.write(Path.of(options.get("out")), result);
		}
	}

	private static List<Long> pids(Options options, String name) {
		return Arrays.stream(options.get(name, "").split(","))
			.filter((pid) -> !pid.isBlank())
			.map(Long::valueOf)
			.toList();
	}

	private PeerResult execute(String peer, Map<String, String> info, ScenarioContext context) {
		HoldResult hold = scenario("hold", () -> HoldScenario.run(context));
		StormResult storm = scenario("storm", () -> StormScenario.run(context));
		FlowResult broadcast = scenario("broadcast", () -> BroadcastScenario.run(context));
		FlowResult topics = scenario("topics", () -> TopicsScenario.run(context));
		EchoResult echo = scenario("echo", () -> EchoScenario.run(context));
		// Before fanout-max, whose failing steps may leave the server working off a
		// backlog; the replay waits until its own work is done.
		ReplayResult replay = scenario("replay", () -> ReplayScenario.run(context));
		// Last: its failing steps overload the server, and a broker may take minutes to
		// work off the backlog.
		FanoutResult fanout = scenario("fanout-max", () -> FanoutMaxScenario.run(context));
		return new PeerResult(peer, info, hold, broadcast, fanout, topics, storm, echo, replay, this.errors);
	}

	private <T> @Nullable T scenario(String name, Callable<T> scenario) {
		if (!this.scenarios.contains(name)) {
			return null;
		}
		long start = System.nanoTime();
		System.err.printf("[bench] %s ...%n", name);
		try {
			return scenario.call();
		}
		catch (Exception ex) {
			this.errors.add(name + ": " + ex);
			ex.printStackTrace();
			return null;
		}
		finally {
			System.err.printf("[bench] %s done in %.1f s%n", name, (System.nanoTime() - start) / 1e9);
		}
	}

	private static Map<String, String> info(Options options, Plan plan, Transport transport) {
		Map<String, String> info = new LinkedHashMap<>(options.pairs("info"));
		info.put("mode", plan.mode());
		info.put("date", Instant.now().toString());
		info.put("url", options.get("url"));
		info.put("generator", "Netty " + nettyVersion() + ", " + transport.name() + ", " + EVENT_LOOPS
				+ " event loops, Java " + Runtime.version() + ", payload " + Payload.SIZE + " bytes");
		info.put("plan", plan.toString());
		return info;
	}

	private static String nettyVersion() {
		io.netty.util.Version version = io.netty.util.Version.identify().get("netty-common");
		return (version != null) ? version.artifactVersion() : "unknown";
	}

}
