/**
 * Action Cable's protocol at {@code /cable}: Rails' own JavaScript client, Turbo Streams
 * and AnyCable's clients subscribe to streams whose signed names the Rails app hands out,
 * and receive what the app broadcasts, through the same delivery core as STOMP.
 */
@NullMarked
package io.railside.cable;

import org.jspecify.annotations.NullMarked;
