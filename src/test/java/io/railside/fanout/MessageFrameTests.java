package io.railside.fanout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

/**
 * Checks that a frame encoded once is, for every subscriber, the frame Spring's broker
 * and STOMP handler would have written, and that what must stay on Spring's path does.
 */
class MessageFrameTests {

	private final StompEncoder encoder = new StompEncoder();

	@Test
	void writesTheFrameSpringWouldWriteForEachSubscriber() {
		Message<byte[]> send = send("/topic/orders.42", MimeTypeUtils.TEXT_PLAIN_VALUE, "héllo, 42");
		MessageFrame frame = MessageFrame.of(send, this.encoder);
		assertThat(frame).isNotNull();
		for (String subscription : List.of("sub-0", "a:b\\c\nd\re")) {
			Message<?> ours = frame.to("session-1", subscription);
			assertThat(decode(MessageFrame.encoded(ours))).usingRecursiveComparison()
				.ignoringFields("messageId")
				.isEqualTo(decode(springsFrame(send, "session-1", subscription)));
			assertThat(SimpMessageHeaderAccessor.getSessionId(ours.getHeaders())).isEqualTo("session-1");
			assertThat(SimpMessageHeaderAccessor.getSubscriptionId(ours.getHeaders())).isEqualTo(subscription);
		}
	}

	@Test
	void givesEachDeliveryItsOwnMessageId() {
		MessageFrame frame = MessageFrame.of(send("/topic/ids", MimeTypeUtils.TEXT_PLAIN_VALUE, "x"), this.encoder);
		assertThat(frame).isNotNull();
		String first = decode(MessageFrame.encoded(frame.to("session-1", "0"))).messageId();
		String second = decode(MessageFrame.encoded(frame.to("session-1", "1"))).messageId();
		assertThat(first).startsWith("session-1-").isNotEqualTo(second);
	}

	@Test
	void sendsAndCountsTheBytesOfTheStringForABodyThatIsNotUtf8() {
		Message<byte[]> valid = send("/topic/bytes", MimeTypeUtils.TEXT_PLAIN_VALUE, "x");
		byte[] body = { 'a', (byte) 0xff, (byte) 0xfe, 'b' };
		Message<byte[]> send = MessageBuilder.createMessage(body, valid.getHeaders());
		MessageFrame frame = MessageFrame.of(send, this.encoder);
		assertThat(frame).isNotNull();
		TextMessage text = MessageFrame.encoded(frame.to("session-1", "0"));
		// Tomcat writes the string: each byte that is not UTF-8 is U+FFFD there.
		assertThat(text.getPayload()).contains("a\uFFFD\uFFFDb");
		// The bytes themselves go on the wire (io.railside.stomp.TomcatText): the
		// string's.
		assertThat(text.asBytes()).isEqualTo(text.getPayload().getBytes(StandardCharsets.UTF_8));
		TextMessage ascii = MessageFrame.encoded(MessageFrame.of(valid, this.encoder).to("session-1", "0"));
		assertThat(ascii.getPayloadLength()).isEqualTo(ascii.getPayload().getBytes(StandardCharsets.UTF_8).length);
	}

	@Test
	void leavesUserDestinationsToSpring() {
		Message<byte[]> send = send("/queue/inbox-user1", MimeTypeUtils.TEXT_PLAIN_VALUE, "x");
		StompHeaderAccessor headers = StompHeaderAccessor.wrap(send);
		headers.setNativeHeader(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION, "/user/queue/inbox");
		assertThat(MessageFrame.of(MessageBuilder.createMessage(send.getPayload(), headers.getMessageHeaders()),
				this.encoder))
			.isNull();
	}

	@Test
	void leavesBinaryBodiesToSpring() {
		assertThat(
				MessageFrame.of(send("/topic/files", MimeTypeUtils.APPLICATION_OCTET_STREAM_VALUE, "x"), this.encoder))
			.isNull();
	}

	@Test
	void leavesSpringsOwnMessagesAlone() {
		Message<byte[]> send = send("/topic/a", MimeTypeUtils.TEXT_PLAIN_VALUE, "x");
		assertThat(MessageFrame.encoded(send)).isNull();
	}

	private static Message<byte[]> send(String destination, String contentType, String body) {
		StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.SEND);
		headers.setDestination(destination);
		headers.setContentType(MimeTypeUtils.parseMimeType(contentType));
		headers.setSessionId("publisher");
		headers.setNativeHeader("receipt", "r-1");
		return MessageBuilder.createMessage(body.getBytes(StandardCharsets.UTF_8), headers.getMessageHeaders());
	}

	/**
	 * What Spring's in-memory broker and STOMP handler write for one subscriber.
	 */
	private static TextMessage springsFrame(Message<byte[]> send, String sessionId, String subscriptionId) {
		SimpMessageHeaderAccessor reply = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		reply.setSessionId(sessionId);
		reply.setSubscriptionId(subscriptionId);
		reply.copyHeadersIfAbsent(send.getHeaders());
		reply.setLeaveMutable(true);
		WebSocketSession session = mock(WebSocketSession.class);
		given(session.getId()).willReturn(sessionId);
		TextMessage[] written = new TextMessage[1];
		try {
			willAnswer((invocation) -> written[0] = invocation.getArgument(0)).given(session)
				.sendMessage(any(WebSocketMessage.class));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		new StompSubProtocolHandler().handleMessageToClient(session,
				MessageBuilder.createMessage(send.getPayload(), reply.getMessageHeaders()));
		return written[0];
	}

	private static Frame decode(TextMessage text) {
		Message<byte[]> message = new StompDecoder()
			.decode(ByteBuffer.wrap(text.getPayload().getBytes(StandardCharsets.UTF_8)))
			.get(0);
		StompHeaderAccessor headers = StompHeaderAccessor.wrap(message);
		Map<String, List<String>> nativeHeaders = new java.util.TreeMap<>(headers.toNativeHeaderMap());
		String messageId = nativeHeaders.remove("message-id").get(0);
		return new Frame(headers.getCommand(), nativeHeaders, new String(message.getPayload(), StandardCharsets.UTF_8),
				messageId);
	}

	record Frame(StompCommand command, Map<String, List<String>> headers, String body, String messageId) {
	}

}
