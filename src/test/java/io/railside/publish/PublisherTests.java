package io.railside.publish;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.railside.broker.BrokerStatus;
import io.railside.history.Position;
import io.railside.history.PositionReceipt;
import io.railside.publish.PublishException.Problem;
import io.railside.publish.PublishRequest.Publication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.util.MimeTypeUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

/**
 * Tests for {@link Publisher}.
 */
class PublisherTests {

	private final SimpMessagingTemplate template = mock();

	private final SimpUserRegistry users = mock();

	private final BrokerStatus broker = mock();

	private final Publisher publisher = new Publisher(this.template, this.users, this.broker, false);

	@BeforeEach
	void brokerIsUp() {
		given(this.broker.isAvailable()).willReturn(true);
	}

	@Test
	void refusesEverythingWhileTheBrokerIsDown() {
		given(this.broker.isAvailable()).willReturn(false);
		assertThatExceptionOfType(PublishException.class)
			.isThrownBy(() -> this.publisher.publish(single(message("/topic/orders.42", Map.of()))))
			.satisfies((ex) -> assertThat(ex.problem()).isEqualTo(Problem.UNAVAILABLE));
		then(this.template).shouldHaveNoInteractions();
	}

	@Test
	void sendsBytesWithTheirContentTypeHeadersAndId() {
		List<Published> published = this.publisher
			.publish(single(message("/topic/orders.42", Map.of("event", "shipped"))));
		ArgumentCaptor<Message<?>> sent = ArgumentCaptor.captor();
		then(this.template).should().send(eq("/topic/orders.42"), sent.capture());
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(sent.getValue());
		assertThat(sent.getValue().getPayload()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
		assertThat(headers.getContentType()).isEqualTo(MimeTypeUtils.APPLICATION_JSON);
		assertThat(headers.getFirstNativeHeader("event")).isEqualTo("shipped");
		assertThat(headers.getFirstNativeHeader("railside-message-id")).isEqualTo(published.get(0).id());
		assertThat(headers.getSessionId()).isNull();
	}

	@Test
	void answersTheTopicMessagesPositionThatTheBrokerPlacedInItsReceipt() {
		willAnswer((invocation) -> {
			Message<?> message = invocation.getArgument(1);
			((PositionReceipt) message.getHeaders().get(PositionReceipt.HEADER)).place(new Position("e1", 42));
			return null;
		}).given(this.template).send(eq("/topic/orders.42"), any(Message.class));
		List<Published> published = this.publisher.publish(single(message("/topic/orders.42", Map.of())));
		assertThat(published).singleElement().satisfies((message) -> {
			assertThat(message.id()).hasSize(36);
			assertThat(message.position()).isEqualTo(new Position("e1", 42));
		});
	}

	@Test
	void aTopicMessageTheBrokerPlacedNowhereHasNoPosition() {
		List<Published> published = this.publisher.publish(single(message("/topic/orders.42", Map.of())));
		assertThat(published.get(0).position()).isNull();
	}

	@Test
	void aUserQueueMessageCarriesNoReceiptAndHasNoPosition() {
		List<Published> published = this.publisher.publish(single(message("/user/alice/queue/notices", Map.of())));
		ArgumentCaptor<Message<?>> sent = ArgumentCaptor.captor();
		then(this.template).should().send(eq("/user/alice/queue/notices"), sent.capture());
		assertThat(sent.getValue().getHeaders()).doesNotContainKey(PositionReceipt.HEADER);
		assertThat(published.get(0).position()).isNull();
	}

	@Test
	void sendsToEachSessionOfAUserWithTheSameId() {
		SimpUser alice = mock();
		SimpSession laptop = session("laptop");
		SimpSession phone = session("phone");
		given(alice.getSessions()).willReturn(Set.of(laptop, phone));
		given(this.users.getUser("alice")).willReturn(alice);
		List<Published> published = this.publisher.publish(single(message("/user/alice/queue/notices", Map.of())));
		ArgumentCaptor<Message<?>> sent = ArgumentCaptor.captor();
		then(this.template).should(times(2)).send(eq("/user/alice/queue/notices"), sent.capture());
		assertThat(sent.getAllValues())
			.extracting((message) -> SimpMessageHeaderAccessor.getSessionId(message.getHeaders()))
			.containsExactlyInAnyOrder("laptop", "phone");
		assertThat(sent.getAllValues())
			.extracting(
					(message) -> SimpMessageHeaderAccessor.wrap(message).getFirstNativeHeader("railside-message-id"))
			.containsOnly(published.get(0).id());
	}

	@Test
	void sendsOnceToAUserWithoutSessions() {
		this.publisher.publish(single(message("/user/nobody/queue/notices", Map.of())));
		then(this.template).should().send(eq("/user/nobody/queue/notices"), any(Message.class));
	}

	@Test
	void whenTheBrokerRefusesThenUnavailableAtThatMessage() {
		willThrow(new MessageDeliveryException("full")).given(this.template).send(eq("/topic/b"), any(Message.class));
		PublishRequest batch = new PublishRequest(
				List.of(message("/topic/a", Map.of()), message("/topic/b", Map.of()), message("/topic/c", Map.of())),
				true);
		assertThatExceptionOfType(PublishException.class).isThrownBy(() -> this.publisher.publish(batch))
			.satisfies((ex) -> {
				assertThat(ex.problem()).isEqualTo(Problem.UNAVAILABLE);
				assertThat(ex.pointer()).isEqualTo("/messages/1");
			});
		then(this.template).should().send(eq("/topic/a"), any(Message.class));
		then(this.template).should(times(0)).send(eq("/topic/c"), any(Message.class));
	}

	@Test
	void inStreamModeAnswersOnceRabbitMqHasTakenEveryMessage() {
		Publisher stream = new Publisher(this.template, this.users, this.broker, true);
		willAnswer((invocation) -> {
			PositionReceipt receipt = receiptOf(invocation.getArgument(1));
			CompletableFuture.runAsync(() -> receipt.place(new Position("e1", 7)));
			return null;
		}).given(this.template).send(eq("/topic/a"), any(Message.class));
		willAnswer((invocation) -> {
			CompletableFuture.runAsync(receiptOf(invocation.getArgument(1))::take);
			return null;
		}).given(this.template).send(eq("/user/alice/queue/notices"), any(Message.class));
		List<Published> published = stream.publish(new PublishRequest(
				List.of(message("/topic/a", Map.of()), message("/user/alice/queue/notices", Map.of())), true));
		assertThat(published).extracting(Published::position).containsExactly(new Position("e1", 7), null);
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void inStreamModeABatchStopsAtTheFirstMessageRabbitMqRefusesAtOnce() {
		Publisher stream = new Publisher(this.template, this.users, this.broker, true);
		willAnswer((invocation) -> {
			receiptOf(invocation.getArgument(1)).take();
			return null;
		}).given(this.template).send(eq("/topic/a"), any(Message.class));
		willAnswer((invocation) -> {
			receiptOf(invocation.getArgument(1)).refuse(new IllegalStateException("RabbitMQ is not reachable"));
			return null;
		}).given(this.template).send(eq("/topic/b"), any(Message.class));
		assertThatExceptionOfType(PublishException.class)
			.isThrownBy(() -> stream.publish(new PublishRequest(List.of(message("/topic/a", Map.of()),
					message("/topic/b", Map.of()), message("/topic/c", Map.of())), true)))
			.satisfies((ex) -> {
				assertThat(ex.problem()).isEqualTo(Problem.UNAVAILABLE);
				assertThat(ex.pointer()).isEqualTo("/messages/1");
			});
		then(this.template).should(times(0)).send(eq("/topic/c"), any(Message.class));
	}

	private static PositionReceipt receiptOf(Message<?> message) {
		return (PositionReceipt) message.getHeaders().get(PositionReceipt.HEADER);
	}

	private static PublishRequest single(Publication message) {
		return new PublishRequest(List.of(message), false);
	}

	private static Publication message(String destination, Map<String, String> headers) {
		return new Publication(destination, "{}".getBytes(StandardCharsets.UTF_8), MimeTypeUtils.APPLICATION_JSON,
				headers);
	}

	private static SimpSession session(String id) {
		SimpSession session = mock();
		given(session.getId()).willReturn(id);
		return session;
	}

}
