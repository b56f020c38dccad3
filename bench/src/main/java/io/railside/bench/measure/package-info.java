/**
 * Measurements of the server under test (CPU from /proc, memory through jcmd) and latency
 * summaries.
 */
@NullMarked
package io.railside.bench.measure;

import org.jspecify.annotations.NullMarked;
