package io.railside.bench.measure;

import org.jspecify.annotations.Nullable;

/**
 * A server's memory at one moment, in bytes; heap and native only for a JVM.
 *
 * @param heapAfterGc heap in use right after a full GC
 * @param nativeCommitted memory committed outside the Java heap (NMT total less heap)
 * @param rss resident set size
 */
public record MemorySample(@Nullable Long heapAfterGc, @Nullable Long nativeCommitted, long rss) {

}
