/**
 * The broker behind STOMP: Spring's in-memory broker, or a relay to RabbitMQ's STOMP
 * plugin so that many instances act as one; its availability, health and errors.
 */
@NullMarked
package io.railside.broker;

import org.jspecify.annotations.NullMarked;
