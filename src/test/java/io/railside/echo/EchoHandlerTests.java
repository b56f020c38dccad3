package io.railside.echo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * Checks how the echo joins the parts of a message and where it draws the line.
 */
class EchoHandlerTests {

	private static final int LIMIT = 8;

	private final EchoHandler handler = new EchoHandler(LIMIT, Duration.ofMinutes(1));

	private final WebSocketSession session = session("one");

	@Test
	void asksForMessagesInParts() {
		assertThat(this.handler.supportsPartialMessages()).isTrue();
	}

	@Test
	void echoesAWholeTextMessage() throws Exception {
		this.handler.handleMessage(this.session, new TextMessage("hello"));
		then(this.session).should().sendMessage(new TextMessage("hello"));
	}

	@Test
	void echoesAWholeBinaryMessage() throws Exception {
		this.handler.handleMessage(this.session, new BinaryMessage(new byte[] { 1, 2, 3 }));
		then(this.session).should().sendMessage(new BinaryMessage(new byte[] { 1, 2, 3 }));
	}

	@Test
	void sendsNothingUntilTheLastPart() throws Exception {
		this.handler.handleMessage(this.session, new TextMessage("hel", false));
		this.handler.handleMessage(this.session, new TextMessage("lo", false));
		then(this.session).should(never()).sendMessage(any());
		this.handler.handleMessage(this.session, new TextMessage("!", true));
		then(this.session).should().sendMessage(new TextMessage("hello!"));
	}

	@Test
	void joinsBinaryParts() throws Exception {
		this.handler.handleMessage(this.session, new BinaryMessage(new byte[] { 1, 2 }, false));
		this.handler.handleMessage(this.session,
				new BinaryMessage(ByteBuffer.wrap(new byte[] { 9, 3, 4, 9 }, 1, 2), true));
		then(this.session).should().sendMessage(new BinaryMessage(new byte[] { 1, 2, 3, 4 }));
	}

	@Test
	void joinsMultiByteCharactersAcrossParts() throws Exception {
		this.handler.handleMessage(this.session, new TextMessage("€", false));
		this.handler.handleMessage(this.session, new TextMessage("😀", true));
		then(this.session).should().sendMessage(new TextMessage("€😀"));
	}

	@Test
	void startsAfreshAfterEachMessage() throws Exception {
		this.handler.handleMessage(this.session, new TextMessage("ab", false));
		this.handler.handleMessage(this.session, new TextMessage("c", true));
		this.handler.handleMessage(this.session, new TextMessage("de", true));
		then(this.session).should().sendMessage(new TextMessage("abc"));
		then(this.session).should().sendMessage(new TextMessage("de"));
	}

	@Test
	void keepsThePartsOfEachSessionApart() throws Exception {
		WebSocketSession other = session("two");
		this.handler.handleMessage(this.session, new TextMessage("a", false));
		this.handler.handleMessage(other, new TextMessage("x", false));
		this.handler.handleMessage(this.session, new TextMessage("b", true));
		this.handler.handleMessage(other, new TextMessage("y", true));
		then(this.session).should().sendMessage(new TextMessage("ab"));
		then(other).should().sendMessage(new TextMessage("xy"));
	}

	@Test
	void echoesAMessageOfExactlyTheLimit() throws Exception {
		this.handler.handleMessage(this.session, new TextMessage("1234", false));
		this.handler.handleMessage(this.session, new TextMessage("5678", true));
		then(this.session).should().sendMessage(new TextMessage("12345678"));
		then(this.session).should(never()).close(any());
	}

	@Test
	void closesWith1009OncePartsPassTheLimit() throws Exception {
		this.handler.handleMessage(this.session, new BinaryMessage(new byte[5], false));
		this.handler.handleMessage(this.session, new BinaryMessage(new byte[4], false));
		then(this.session).should().close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("Message larger than 8 bytes"));
		then(this.session).should(never()).sendMessage(any());
	}

	@Test
	void countsTheLimitInUtf8Bytes() throws Exception {
		this.handler.handleMessage(this.session, new TextMessage("€€€", true));
		assertThat("€€€".getBytes(StandardCharsets.UTF_8)).hasSize(9);
		then(this.session).should().close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("Message larger than 8 bytes"));
	}

	@Test
	void dropsThePartsOfAClosedSession() throws Exception {
		this.handler.handleMessage(this.session, new TextMessage("12345", false));
		this.handler.afterConnectionClosed(this.session, CloseStatus.GOING_AWAY);
		this.handler.handleMessage(this.session, new TextMessage("678", false));
		this.handler.handleMessage(this.session, new TextMessage("9", true));
		then(this.session).should().sendMessage(new TextMessage("6789"));
		then(this.session).should(never()).close(any());
	}

	private static WebSocketSession session(String id) {
		WebSocketSession session = mock(WebSocketSession.class);
		given(session.getId()).willReturn(id);
		given(session.isOpen()).willReturn(true);
		return session;
	}

}
