/**
 * The raw WebSocket echo on {@code /echo} and on an upgrade of {@code /}.
 */
@NullMarked
package io.railside.echo;

import org.jspecify.annotations.NullMarked;
