package io.railside.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;

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

	private static String epochOfAnInstanceOn(String stream) {
		try (StreamInstance instance = StreamInstance.ready(stream)) {
			return instance.bean(StreamBus.class).epoch();
		}
	}

}
