/**
 * The HTTP publish API: backends holding the publish token post messages to topics and
 * user queues, which the broker delivers to STOMP subscribers.
 */
@NullMarked
package io.railside.publish;

import org.jspecify.annotations.NullMarked;
