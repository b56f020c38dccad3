/**
 * Netty WebSocket clients: STOMP sessions and raw echo connections.
 */
@NullMarked
package io.railside.bench.client;

import org.jspecify.annotations.NullMarked;
