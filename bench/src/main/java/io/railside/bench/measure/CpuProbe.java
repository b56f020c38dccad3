package io.railside.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

	public boolean isEmpty() {
		return this.pids.isEmpty();
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
