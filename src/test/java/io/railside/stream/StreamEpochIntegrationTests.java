package io.railside.stream;

import java.time.Duration;

import io.railside.stomp.StompTestSession;
import io.railside.stomp.StompTestSession.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The epoch of the stream's positions is kept with the stream: an instance that starts
 * again reads the same one, and it changes only when the stream is deleted and created
 * again (its offsets start over, so positions from before mean nothing).
 */
@EnabledIfEnvironmentVariable(named = StreamInstance.HOST_VARIABLE, matches = ".*\\S.*")
@Timeout(120)
class StreamEpochIntegrationTests {

	@Test
	void theEpochChangesOnlyWhenTheStreamIsCreatedAgain() throws Exception {
		String stream = StreamInstance.newStream();
		try {
			String first = epochOfAnInstanceOn(stream);
			assertThat(first).matches("[0-9a-f]{16}");
			assertThat(epochOfAnInstanceOn(stream)).isEqualTo(first);
			StreamInstance.deleteStream(stream);
			String second = epochOfAnInstanceOn(stream);
			assertThat(second).matches("[0-9a-f]{16}").isNotEqualTo(first);
			assertThat(epochOfAnInstanceOn(stream)).isEqualTo(second);
		}
		finally {
			StreamInstance.deleteStream(stream);
		}
	}

	@Test
	void twoInstancesStartingOnANewStreamAgreeOnItsEpoch() throws Exception {
		String stream = StreamInstance.newStream();
		try (StreamInstance a = StreamInstance.start(stream); StreamInstance b = StreamInstance.start(stream)) {
			a.awaitReadiness(200);
			b.awaitReadiness(200);
			assertThat(a.bean(StreamBus.class).epoch()).isNotNull().isEqualTo(b.bean(StreamBus.class).epoch());
		}
		finally {
			StreamInstance.deleteStream(stream);
		}
	}

	@Test
	void anInstanceWhoseStreamIsDeletedGoesOnUnderTheNewStreamsEpoch() throws Exception {
		String stream = StreamInstance.newStream();
		try (StreamInstance instance = StreamInstance.ready(stream)) {
			String before = instance.bean(StreamBus.class).epoch();
			StreamInstance.deleteStream(stream);
			await("a new epoch").atMost(StreamInstance.READY)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> !before.equals(instance.bean(StreamBus.class).epoch()));
			instance.awaitReadiness(200);
			String after = instance.bean(StreamBus.class).epoch();
			StompTestSession reader = instance.connect("reader");
			reader.subscribe("/topic/stream.renewed");
			assertThat(instance.publish("""
					{"destination": "/topic/stream.renewed", "body": "on the new stream"}""").statusCode())
				.isEqualTo(202);
			Frame frame = reader.awaitFrame();
			assertThat(frame.body()).isEqualTo("on the new stream");
			assertThat(frame.header("railside-epoch")).isEqualTo(after);
			// Connected once, not over and over.
			reader.assertNoFrame(Duration.ofSeconds(3));
			assertThat(instance.bean(StreamBus.class).epoch()).isEqualTo(after);
			assertThat(instance.readiness().statusCode()).isEqualTo(200);
			reader.disconnect();
		}
		finally {
			StreamInstance.deleteStream(stream);
		}
	}

	private static String epochOfAnInstanceOn(String stream) {
		try (StreamInstance instance = StreamInstance.ready(stream)) {
			return instance.bean(StreamBus.class).epoch();
		}
	}

}
