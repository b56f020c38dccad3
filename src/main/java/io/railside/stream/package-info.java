/**
 * Stream mode: many instances on one RabbitMQ stream, each appending what is published to
 * it and delivering what it reads to its own sessions.
 */
@NullMarked
package io.railside.stream;

import org.jspecify.annotations.NullMarked;
