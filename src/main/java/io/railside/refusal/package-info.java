/**
 * Refusals, whatever the protocol: a stable code, one sentence, and what the refusal
 * ends; each protocol's front door sends them its own way (STOMP as an ERROR frame).
 */
@NullMarked
package io.railside.refusal;

import org.jspecify.annotations.NullMarked;
