/**
 * Connectors: the plain HTTP connector beside Boot's TLS one, and the TLS certificate
 * (given or generated).
 */
@NullMarked
package io.railside.server;

import org.jspecify.annotations.NullMarked;
