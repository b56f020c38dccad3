/**
 * Limits that keep one client from hurting the others: frame headers, frame and byte
 * rate, subscriptions per session, concurrent sessions, and slow consumers.
 */
@NullMarked
package io.railside.limits;

import org.jspecify.annotations.NullMarked;
