/**
 * Load mechanics shared by the scenarios: payloads, open-loop pacing, connection waves
 * and delivery tracking.
 */
@NullMarked
package io.railside.bench.load;

import org.jspecify.annotations.NullMarked;
