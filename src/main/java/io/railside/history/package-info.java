/**
 * Positions and per-topic history: every message on a topic gets an offset in one
 * sequence, each topic keeps its recent messages within count, age and memory bounds, and
 * a client's position decides whether it can be resumed.
 */
@NullMarked
package io.railside.history;

import org.jspecify.annotations.NullMarked;
