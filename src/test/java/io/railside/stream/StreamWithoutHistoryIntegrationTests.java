package io.railside.stream;

import java.net.http.HttpResponse;

import io.railside.stomp.StompTestSession;
import io.railside.stomp.StompTestSession.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream mode with the history turned off: messages go through the stream as ever, and
 * carry no positions, nor does the publish API's answer.
 */
@EnabledIfEnvironmentVariable(named = StreamInstance.HOST_VARIABLE, matches = ".*\\S.*")
@Timeout(60)
class StreamWithoutHistoryIntegrationTests {

	@Test
	void messagesTravelWithoutPositions() throws Exception {
		String stream = StreamInstance.newStream();
		try (StreamInstance instance = StreamInstance.ready(stream, "railside.history.enabled=false")) {
			StompTestSession reader = instance.connect("reader");
			reader.subscribe("/topic/stream.plain");
			HttpResponse<String> response = instance.publish("""
					{"destination": "/topic/stream.plain", "body": "no position"}""");
			assertThat(response.statusCode()).isEqualTo(202);
			assertThat(JsonMapper.builder().build().readTree(response.body()).has("position")).isFalse();
			Frame frame = reader.awaitFrame();
			assertThat(frame.body()).isEqualTo("no position");
			assertThat(frame.header("railside-offset")).isNull();
			reader.disconnect();
		}
		finally {
			StreamInstance.deleteStream(stream);
		}
	}

}
