package io.railside.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * CPU time (user plus system) of a set of processes, from {@code /proc/<pid>/stat}, so
 * each throughput figure can say what it cost: generator and server share two cores.
 */
public final class CpuProbe {

	/** USER_HZ: the unit of utime and stime; 100 on Linux (getconf CLK_TCK). */
	private static final long TICKS_PER_SECOND = 100;

	private final List<Long> pids;

	public CpuProbe(List<Long> pids) {
		this.pids = List.copyOf(pids);
	}

	public static CpuProbe self() {
		return new CpuProbe(List.of(ProcessHandle.current().pid()));
	}

	/**
	 * The CPU time used so far by all the processes, in microseconds.
	 * @return the total
	 */
	public long micros() {
		long ticks = 0;
		for (long pid : this.pids) {
			ticks += ticks(pid);
		}
		return ticks * (1_000_000 / TICKS_PER_SECOND);
	}

	/**
	 * Wait until the processes use less than a tenth of a core over one window, or until
	 * the limit: what setting a scenario up left running (the JIT compiling the
	 * handshake's code, a collection, a backlog of the previous step) is then not charged
	 * to what is measured next.
	 * @param window the window of each look
	 * @param limit the longest wait
	 * @return the milliseconds waited, or -1 if the processes did not settle within the
	 * limit
	 */
	public long awaitSettled(Duration window, Duration limit) {
		return awaitSettled(this::micros, window, limit, (pause) -> Thread.sleep(pause.toMillis()));
	}

	static long awaitSettled(LongSupplier cpuMicros, Duration window, Duration limit, Pause pause) {
		long settledMicros = window.toNanos() / 1000 / 10;
		long windows = Math.max(1, limit.toNanos() / window.toNanos());
		long before = cpuMicros.getAsLong();
		for (long i = 1; i <= windows; i++) {
			try {
				pause.pause(window);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return -1;
			}
			long now = cpuMicros.getAsLong();
			if (now - before < settledMicros) {
				return i * window.toMillis();
			}
			before = now;
		}
		return -1;
	}

	public boolean isEmpty() {
		return this.pids.isEmpty();
	}

	/**
	 * A pause between two looks: a sleep, or in tests nothing.
	 */
	@FunctionalInterface
	interface Pause {

		void pause(Duration duration) throws InterruptedException;

	}

	static long ticks(long pid) {
		try {
			return parseTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the CPU time of process " + pid, ex);
		}
	}

	/**
	 * utime and stime are fields 14 and 15; the name before them may hold spaces, so
	 * count from its closing parenthesis.
	 */
	static long parseTicks(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

}
