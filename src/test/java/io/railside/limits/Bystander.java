package io.railside.limits;

import io.railside.stomp.StompTestSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A well-behaved STOMP session beside the one a test pushes past a limit: it must keep
 * receiving after the other session is cut off.
 */
public final class Bystander implements AutoCloseable {

	public static final String TOPIC = "/topic/bystander";

	private final StompTestSession session;

	private int sent;

	private Bystander(StompTestSession session) {
		this.session = session;
	}

	/**
	 * Connect and subscribe to {@link #TOPIC}.
	 * @param url the {@code /stomp} URL
	 * @return the subscribed bystander
	 */
	public static Bystander connect(String url) {
		StompTestSession session = StompTestSession.connect(url);
		session.subscribe(TOPIC);
		return new Bystander(session);
	}

	public StompTestSession session() {
		return this.session;
	}

	/**
	 * Send to the bystander's own topic and expect the message back.
	 */
	public void assertStillReceives() {
		String body = "still here " + (++this.sent);
		this.session.send(TOPIC, body);
		assertThat(this.session.awaitFrame().body()).as("the bystander's own message").isEqualTo(body);
	}

	@Override
	public void close() {
		this.session.disconnect();
	}

}
