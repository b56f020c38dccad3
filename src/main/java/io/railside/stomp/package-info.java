/**
 * STOMP over WebSocket and SockJS: endpoints, the in-memory broker, destination rules,
 * frame limits, receipts and the ERROR frames clients see.
 */
@NullMarked
package io.railside.stomp;

import org.jspecify.annotations.NullMarked;
