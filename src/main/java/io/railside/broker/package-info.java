/**
 * The broker behind STOMP, Spring's in-memory broker on every instance: its mode, its
 * availability and health, and its receipts.
 */
@NullMarked
package io.railside.broker;

import org.jspecify.annotations.NullMarked;
