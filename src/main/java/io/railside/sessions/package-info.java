/**
 * Who holds a place: open WebSocket sessions counted by endpoint and client address, the
 * handshake limits that keep one address from shutting others out, the CONNECT deadline,
 * and closing every session when the application shuts down.
 */
@NullMarked
package io.railside.sessions;

import org.jspecify.annotations.NullMarked;
