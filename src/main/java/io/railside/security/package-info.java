/**
 * Security: JWT authentication of STOMP CONNECT, topic authorization from token claims,
 * and HTTP security.
 */
@NullMarked
package io.railside.security;

import org.jspecify.annotations.NullMarked;
