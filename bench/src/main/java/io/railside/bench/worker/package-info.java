/**
 * Worker processes that hold a share of the sessions, so no generator process nears the
 * open-files limit.
 */
@NullMarked
package io.railside.bench.worker;

import org.jspecify.annotations.NullMarked;
