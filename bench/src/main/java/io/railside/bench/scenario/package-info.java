/**
 * The scenarios (hold, broadcast, fanout-max, topics, storm, echo, replay), each
 * producing one result.
 */
@NullMarked
package io.railside.bench.scenario;

import org.jspecify.annotations.NullMarked;
