/**
 * Operations: metrics of sessions, frames, errors and the broker.
 */
@NullMarked
package io.railside.system;

import org.jspecify.annotations.NullMarked;
