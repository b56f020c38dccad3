/**
 * Guards of STOMP's SockJS endpoint ({@code /sockjs}): every HTTP request is checked
 * before Spring's SockJS service reads it, for ids that are safe to log, bodies within a
 * bound, and a cap on sessions that wait for their next request.
 */
@NullMarked
package io.railside.sockjs;

import org.jspecify.annotations.NullMarked;
