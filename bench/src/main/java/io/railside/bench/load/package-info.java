/**
 * Load mechanics shared by the scenarios: payloads, open-loop pacing, connection waves,
 * delivery tracking, and subscribers that drop and resume.
 */
@NullMarked
package io.railside.bench.load;

import org.jspecify.annotations.NullMarked;
