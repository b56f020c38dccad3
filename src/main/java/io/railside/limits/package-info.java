/**
 * Limits that keep one client from hurting the others, as rules every STOMP frame passes
 * (headers, frame and byte rates, subscriptions, sessions per user), and every limit's
 * setting ({@code railside.limits.*}).
 */
@NullMarked
package io.railside.limits;

import org.jspecify.annotations.NullMarked;
