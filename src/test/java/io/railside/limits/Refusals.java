package io.railside.limits;

import java.util.List;
import java.util.regex.Pattern;

import io.railside.stomp.RawStompSocket;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client pushed past a limit sees, and what the server logs: one ERROR frame with
 * the limit's stable code and one plain sentence, the socket closed with 1002, and one
 * log line at INFO or WARN naming the session, the user and the code.
 */
final class Refusals {

	private Refusals() {
	}

	/**
	 * Skip the frames that passed before the refusal and return the ERROR frame.
	 * @param socket the refused client
	 * @param code the expected {@code message} header
	 * @return the ERROR frame
	 */
	static StompHeaderAccessor assertRefused(RawStompSocket socket, String code) {
		StompHeaderAccessor frame = socket.awaitFrame();
		while (!"ERROR".equals(String.valueOf(frame.getCommand()))) {
			frame = socket.awaitFrame();
		}
		assertThat(frame.getMessage()).isEqualTo(code);
		assertThat(RawStompSocket.body(frame)).isNotBlank()
			.endsWith(".")
			.doesNotContain("Exception", "java.", "org.springframework", "\tat ", "\n");
		assertThat(socket.awaitClose()).as("close code").isEqualTo(1002);
		return frame;
	}

	/**
	 * Assert that the refusal was logged once, with session, user and code. Needs the
	 * output of one test method only: register {@code OutputCaptureExtension} on the
	 * method, not the class, whose capture would hold every line twice.
	 * @param output the test method's output
	 * @param code the refusal's code
	 */
	static void assertLoggedOnce(CapturedOutput output, String code) {
		Pattern line = Pattern
			.compile("\\b(INFO|WARN)\\b.*Closing STOMP session [0-9A-Za-z-]+ \\(user [^)]+\\): " + Pattern.quote(code));
		List<String> refusals = output.getAll()
			.lines()
			.filter((candidate) -> candidate.contains("Closing STOMP session"))
			.filter((candidate) -> candidate.endsWith(": " + code))
			.toList();
		assertThat(refusals).as("log lines for %s", code).hasSize(1);
		assertThat(refusals.get(0)).as("the log line names session, user and code").containsPattern(line);
	}

}
