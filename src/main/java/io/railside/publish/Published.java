package io.railside.publish;

import io.railside.history.Position;
import org.jspecify.annotations.Nullable;

/**
 * One message the broker took, as the backend that published it learns of it.
 *
 * @param id the id subscribers get in the {@value Publisher#MESSAGE_ID_HEADER} header
 * @param position where it landed in its topic's history, the offset subscribers get with
 * it; {@code null} for a user queue and where messages have no positions (the relay, or
 * history turned off)
 */
record Published(String id, @Nullable Position position) {

}
