package io.railside.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.rabbitmq.stream.MessageBuilder;
import com.rabbitmq.stream.codec.QpidProtonCodec;
import io.railside.fanout.Bus;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.util.MimeType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StreamMessages}.
 */
class StreamMessagesTests {

	private final QpidProtonCodec codec = new QpidProtonCodec();

	private final StreamMessages messages = new StreamMessages(200, 1024);

	@Test
	void aSendComesBackWithItsDestinationHeadersBodyAndStreamPosition() {
		StompHeaderAccessor send = StompHeaderAccessor.create(StompCommand.SEND);
		send.setDestination("/topic/chat.room-7");
		send.setContentType(MimeType.valueOf("application/json"));
		send.setNativeHeader("event", "said");
		send.setReceipt("r-1");
		send.setSessionId("s-1");
		Message<byte[]> sent = org.springframework.messaging.support.MessageBuilder
			.createMessage("{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8), send.getMessageHeaders());

		Message<byte[]> read = roundTrip(this.messages.encode(sent, "instance:1", this.codec.messageBuilder()));

		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(read);
		assertThat(headers.getMessageType()).isEqualTo(SimpMessageType.MESSAGE);
		assertThat(headers.getDestination()).isEqualTo("/topic/chat.room-7");
		assertThat(headers.getContentType()).hasToString("application/json");
		assertThat(headers.getFirstNativeHeader("event")).isEqualTo("said");
		assertThat(headers.getFirstNativeHeader("receipt")).as("answered by the sending instance").isNull();
		assertThat(headers.getSessionId()).as("the publisher's session is not a subscriber's").isNull();
		assertThat(new String(read.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"hi\"}");
		assertThat(Bus.offset(read)).isEqualTo(42L);
		assertThat(read.getHeaders().get(Bus.TIMESTAMP_HEADER)).isEqualTo(1_000L);
	}

	@Test
	void aUsersMessageKeepsItsUnresolvedDestination() {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setDestination("/user/alice/queue/notices");
		Message<byte[]> sent = org.springframework.messaging.support.MessageBuilder.createMessage(new byte[] { 1 },
				headers.getMessageHeaders());
		com.rabbitmq.stream.Message appended = this.messages.encode(sent, "instance:2", this.codec.messageBuilder());
		assertThat(StreamMessages.destination(appended)).isEqualTo("/user/alice/queue/notices");
		assertThat(StreamMessages.origin(appended)).isEqualTo("instance:2");
	}

	@Test
	void aMessagePublishedToTheExchangeGoesToTheTopicOfItsRoutingKeyWithTheAllowedHeaders() {
		com.rabbitmq.stream.Message published = straight("orders.42", "shipped".getBytes(StandardCharsets.UTF_8),
				Map.of("event", "order.shipped", "x-death", "steers", "destination", "/topic/other"));
		assertThat(this.messages.rejection(published)).isNull();
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(roundTrip(published));
		assertThat(headers.getDestination()).isEqualTo("/topic/orders.42");
		assertThat(headers.getContentType()).hasToString("text/plain");
		assertThat(headers.toNativeHeaderMap()).containsOnlyKeys("event");
	}

	@Test
	void aMessagePublishedToTheExchangeWithABadNameOrTooLargeABodyIsRejected() {
		for (String key : List.of("bad key!", "orders.*", "#", "")) {
			assertThat(this.messages.rejection(straight(key, new byte[1], Map.of()))).as(key)
				.contains("is not a topic name");
		}
		assertThat(this.messages.rejection(straight("orders.42", new byte[1025], Map.of())))
			.contains("1025 bytes is larger than the 1024 bytes allowed");
		assertThat(this.messages.rejection(straight("orders.42", new byte[1024], Map.of()))).isNull();
	}

	@Test
	void aMessagePublishedToTheExchangeWithAnUnreadableContentTypeOrTooManyHeadersIsRejected() {
		MessageBuilder builder = this.codec.messageBuilder();
		builder.messageAnnotations().entry("x-routing-key", "orders.42");
		builder.properties().contentType("garbage");
		assertThat(this.messages.rejection(builder.addData(new byte[1]).build()))
			.contains("content type garbage is not a media type");
		Map<String, String> headers = new java.util.HashMap<>();
		for (int i = 0; i < 21; i++) {
			headers.put("h" + i, "v");
		}
		assertThat(this.messages.rejection(straight("orders.42", new byte[1], headers)))
			.contains("21 headers, more than the 20 allowed");
		assertThat(this.messages.rejection(straight("railside-internal.users", new byte[1], Map.of())))
			.contains("is not a topic name");
	}

	@Test
	void aMessagePublishedStraightNamesNoOriginWhateverItsMessageId() {
		MessageBuilder builder = this.codec.messageBuilder();
		builder.messageAnnotations().entry("x-routing-key", "orders.42");
		builder.properties().messageId("forged:1");
		assertThat(StreamMessages.origin(builder.addData(new byte[1]).build())).isNull();
	}

	@Test
	void theStartUpMarkerIsNoMessageToDeliver() {
		com.rabbitmq.stream.Message marker = StreamMessages.marker("instance:marker", this.codec.messageBuilder());
		assertThat(StreamMessages.isMarker(marker)).isTrue();
		assertThat(StreamMessages.destination(marker)).isNull();
		assertThat(this.messages.decode(marker, 1, 1)).isNull();
	}

	private com.rabbitmq.stream.Message straight(String routingKey, byte[] body, Map<String, String> headers) {
		MessageBuilder builder = this.codec.messageBuilder();
		builder.messageAnnotations().entry("x-routing-key", routingKey).entry("x-exchange", "amq.topic");
		builder.properties().contentType("text/plain");
		MessageBuilder.ApplicationPropertiesBuilder application = builder.applicationProperties();
		headers.forEach(application::entry);
		return builder.addData(body).build();
	}

	/**
	 * Read a message back as the bus would (the stream's own encoding is left to the
	 * integration tests).
	 */
	private Message<byte[]> roundTrip(com.rabbitmq.stream.Message appended) {
		Message<byte[]> read = this.messages.decode(appended, 42, 1_000);
		assertThat(read).isNotNull();
		return read;
	}

}
