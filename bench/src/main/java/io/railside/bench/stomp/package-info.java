/**
 * STOMP frames: encoding, and decoding with a fast path for MESSAGE bodies.
 */
@NullMarked
package io.railside.bench.stomp;

import org.jspecify.annotations.NullMarked;
