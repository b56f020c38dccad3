/**
 * The test page served at {@code /}: a browser client for the raw echo, STOMP and SockJS
 * endpoints.
 */
@NullMarked
package io.railside.testpage;

import org.jspecify.annotations.NullMarked;
