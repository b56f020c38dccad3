/**
 * The Railside benchmark: a STOMP-over-WebSocket load generator, its command line and the
 * raw Netty baseline server.
 */
@NullMarked
package io.railside.bench;

import org.jspecify.annotations.NullMarked;
