package io.railside.bench.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.railside.bench.measure.Histograms;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Worker processes sharing one connection wave, so no process holds more than a few
 * thousand sockets (the machine allows 20,000 open files per process). Every wait on them
 * is bounded; {@link #close()} ends them by their own handles.
 */
public final class WorkerFleet implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Process> processes = new ArrayList<>();

	private final List<BlockingQueue<JsonNode>> events = new ArrayList<>();

	/**
	 * Starts workers for a wave and waits until each is ready to begin.
	 * @param wave the workers' common arguments: {@code --url}, {@code --prefix} and
	 * {@code --header}s
	 * @param sessions sessions in all
	 * @param perSecond arrival rate in all
	 * @param perProcess the most sessions one worker holds
	 * @return the fleet
	 */
	public static WorkerFleet start(List<String> wave, int sessions, double perSecond, int perProcess) {
		WorkerFleet fleet = new WorkerFleet();
		int count = Math.max(1, (sessions + perProcess - 1) / perProcess);
		for (int i = 0; i < count; i++) {
			int share = sessions / count + ((i < sessions % count) ? 1 : 0);
			int offset = i * (sessions / count) + Math.min(i, sessions % count);
			List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx768m", "-XX:+UseParallelGC",
					// Short-lived: the quick compiler's code at once beats the optimizing
					// one's later.
					"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "io.railside.bench.Bench",
					"worker", "--sessions", Integer.toString(share), "--offset", Integer.toString(offset), "--rate",
					Double.toString(perSecond / count)));
			command.addAll(wave);
			fleet.launch(command);
		}
		fleet.awaitAll("started", Duration.ofSeconds(60));
		return fleet;
	}

	/**
	 * Starts every worker's wave at once and merges what they report.
	 * @param limit the longest wait for all to report
	 * @return the merged wave
	 */
	public WaveSummary go(Duration limit) {
		this.processes.forEach((process) -> send(process, "go"));
		List<JsonNode> ready = awaitAll("ready", limit);
		long connected = 0;
		double seconds = 0;
		Map<String, Long> reasons = new TreeMap<>();
		List<Histogram> histograms = new ArrayList<>();
		for (JsonNode report : ready) {
			connected += report.get("connected").asLong();
			seconds = Math.max(seconds, report.get("seconds").asDouble());
			report.get("failureReasons")
				.properties()
				.forEach((entry) -> reasons.merge(entry.getKey(), entry.getValue().asLong(), Long::sum));
			histograms.add(Histograms.decode(report.get("histogram").asString()));
		}
		return new WaveSummary(connected, reasons, Histograms.merge(histograms), seconds, ready.size());
	}

	@Override
	public void close() {
		this.processes.forEach((process) -> send(process, "close"));
		for (Process process : this.processes) {
			try {
				if (!process.waitFor(30, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				process.destroyForcibly();
			}
		}
	}

	private void launch(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
			Thread reader = new Thread(() -> read(process, queue), "worker-" + process.pid());
			reader.setDaemon(true);
			reader.start();
			this.processes.add(process);
			this.events.add(queue);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start a worker", ex);
		}
	}

	private static void read(Process process, BlockingQueue<JsonNode> queue) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.startsWith("{")) {
					queue.add(JSON.readTree(line));
				}
			}
		}
		catch (IOException ex) {
			// The worker ended; a missing report shows as a timeout.
		}
	}

	private List<JsonNode> awaitAll(String event, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		List<JsonNode> reports = new ArrayList<>();
		for (BlockingQueue<JsonNode> queue : this.events) {
			JsonNode report = poll(queue, deadline);
			if (report == null || !event.equals(report.get("event").asString())) {
				throw new IllegalStateException("A worker did not report '" + event + "' within " + limit);
			}
			reports.add(report);
		}
		return reports;
	}

	private static JsonNode poll(BlockingQueue<JsonNode> queue, long deadline) {
		try {
			return queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static void send(Process process, String line) {
		try {
			OutputStream input = process.getOutputStream();
			input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
			input.flush();
		}
		catch (IOException ex) {
			// A worker that already ended needs no message.
		}
	}

	private static String javaCommand() {
		return ProcessHandle.current().info().command().orElse("java");
	}

}
