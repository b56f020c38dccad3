/**
 * Railside: a WebSocket and STOMP service to run beside a web app.
 */
@NullMarked
package io.railside;

import org.jspecify.annotations.NullMarked;
