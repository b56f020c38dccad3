package io.railside.bench;

import io.railside.bench.baseline.NettyBaselineServer;
import io.railside.bench.report.ReportCommand;
import io.railside.bench.scenario.PeerRun;
import io.railside.bench.worker.WorkerMain;

/**
 * The bench's commands, one jar: {@code run} (scenarios against one peer), {@code report}
 * (tables and chart from a run's results), {@code worker} (a share of a connection wave,
 * started by {@code run}) and {@code netty-server} (the raw baseline).
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		String command = (args.length > 0) ? args[0] : "";
		Options options = Options.parse(args, Math.min(1, args.length));
		switch (command) {
			case "run" -> PeerRun.main(options);
			case "report" -> ReportCommand.main(options);
			case "worker" -> WorkerMain.main(options);
			case "netty-server" -> NettyBaselineServer.main(options);
			default -> {
				System.err.println("Usage: java -jar bench.jar run|report|worker|netty-server --option value ...");
				System.exit(2);
			}
		}
		System.exit(0);
	}

}
