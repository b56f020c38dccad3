package io.railside.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Measures a server's memory: for a JVM, {@code jcmd GC.run} then {@code GC.heap_info}
 * (heap after GC) and {@code VM.native_memory summary} (needs
 * {@code -XX:NativeMemoryTracking=summary}); for every process, VmRSS.
 */
public final class MemoryProbe {

	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

	private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");

	private static final Pattern NMT_HEAP = Pattern.compile("Java Heap \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

	private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

	private MemoryProbe() {
	}

	public static MemorySample sample(long pid, boolean jvm) {
		if (!jvm) {
			return new MemorySample(null, null, rss(pid));
		}
		jcmd(pid, "GC.run");
		Long heap = kibibytes(HEAP_USED, jcmd(pid, "GC.heap_info"));
		String nmt = jcmd(pid, "VM.native_memory", "summary");
		Long total = kibibytes(NMT_TOTAL, nmt);
		Long nmtHeap = kibibytes(NMT_HEAP, nmt);
		Long nativeBytes = (total != null && nmtHeap != null) ? total - nmtHeap : null;
		return new MemorySample(heap, nativeBytes, rss(pid));
	}

	static @Nullable Long kibibytes(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : null;
	}

	static long rss(long pid) {
		try {
			Long rss = kibibytes(RSS, Files.readString(Path.of("/proc", Long.toString(pid), "status")));
			return (rss != null) ? rss : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static String jcmd(long pid, String... command) {
		List<String> line = new java.util.ArrayList<>(List.of("jcmd", Long.toString(pid)));
		line.addAll(List.of(command));
		try {
			Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			return new String(output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

}
