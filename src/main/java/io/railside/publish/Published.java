package io.railside.publish;

import io.railside.history.Position;
import org.jspecify.annotations.Nullable;

/**
 * One message the broker took, as the backend that published it learns of it.
 *
 * @param id the id subscribers get in the {@value Publisher#MESSAGE_ID_HEADER} header
 * @param position where it landed in its topic's history, the offset subscribers get with
 * it; {@code null} for a user queue, where messages have no positions (history turned
 * off), and, in stream mode, when this instance has not read the message back in time
 */
record Published(String id, @Nullable Position position) {

}
