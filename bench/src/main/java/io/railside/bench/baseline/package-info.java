/**
 * The practical limit of the machine: a minimal Netty WebSocket server that speaks just
 * enough STOMP to broadcast.
 */
@NullMarked
package io.railside.bench.baseline;

import org.jspecify.annotations.NullMarked;
