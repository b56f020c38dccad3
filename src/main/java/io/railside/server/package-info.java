/**
 * Connectors: the plain HTTP connector beside Boot's TLS one, and TLS itself (the
 * certificate given or generated, reloaded only with its own key, and renegotiation).
 */
@NullMarked
package io.railside.server;

import org.jspecify.annotations.NullMarked;
