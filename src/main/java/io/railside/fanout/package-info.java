/**
 * Broadcasts of the in-memory broker encoded once for all their subscribers, instead of
 * once per subscriber.
 */
@NullMarked
package io.railside.fanout;

import org.jspecify.annotations.NullMarked;
