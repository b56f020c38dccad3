package io.railside.publish;

import java.util.UUID;

import io.railside.broker.BrokerStatus;
import io.railside.history.History;
import io.railside.history.Position;
import io.railside.history.PositionReceipt;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.railside.publish.PublishControllerTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.times;

/**
 * {@code Idempotency-Key} on the publish API, with the broker mocked: a retry gets the
 * first answer and publishes nothing, another body with the key is refused, only accepted
 * requests are remembered, and a malformed key is refused before the body is read.
 */
@PublishApiTest
class PublishIdempotencyTests {

	private static final String BODY = "{\"destination\": \"/topic/orders.42\", \"body\": \"shipped\"}";

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private SimpMessagingTemplate template;

	@MockitoBean
	private SimpUserRegistry users;

	@MockitoBean
	private BrokerStatus broker;

	@MockitoBean
	private History<?> history;

	private final String key = UUID.randomUUID().toString();

	@BeforeEach
	void brokerIsUpAndPlacesMessages() {
		given(this.broker.isAvailable()).willReturn(true);
		long[] offset = { 0 };
		willAnswer((invocation) -> {
			Message<?> message = invocation.getArgument(1);
			if (message.getHeaders().get(PositionReceipt.HEADER) instanceof PositionReceipt receipt) {
				receipt.place(new Position("e1", ++offset[0]));
			}
			return null;
		}).given(this.template).send(anyString(), any(Message.class));
	}

	@Test
	void aRetryWithTheSameKeyAndBodyGetsTheSameAnswerAndPublishesNothing() throws Exception {
		MvcTestResult first = publish(this.key, BODY).exchange();
		assertThat(first).hasStatus(HttpStatus.ACCEPTED);
		MvcTestResult retry = publish(this.key, BODY).exchange();
		assertThat(retry).hasStatus(HttpStatus.ACCEPTED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isStrictlyEqualTo(first.getResponse().getContentAsString());
		then(this.template).should(times(1)).send(anyString(), any(Message.class));
	}

	@Test
	void requestsWithoutAKeyOrWithAnotherKeyPublishEachTime() {
		assertThat(publish(null, BODY)).hasStatus(HttpStatus.ACCEPTED);
		assertThat(publish(null, BODY)).hasStatus(HttpStatus.ACCEPTED);
		assertThat(publish(this.key, BODY)).hasStatus(HttpStatus.ACCEPTED);
		assertThat(publish(this.key + "-2", BODY)).hasStatus(HttpStatus.ACCEPTED);
		then(this.template).should(times(4)).send(anyString(), any(Message.class));
	}

	@Test
	void theSameKeyWithAnotherBodyIsRefusedAndPublishesNothing() {
		assertThat(publish(this.key, BODY)).hasStatus(HttpStatus.ACCEPTED);
		assertProblem(publish(this.key, BODY.replace("shipped", "cancelled")).exchange(),
				HttpStatus.UNPROCESSABLE_CONTENT, "publish.idempotency_key_reused");
		then(this.template).should(times(1)).send(anyString(), any(Message.class));
	}

	@Test
	void aRefusedRequestIsNotRememberedSoItsRetryPublishes() {
		given(this.broker.isAvailable()).willReturn(false);
		assertProblem(publish(this.key, BODY).exchange(), HttpStatus.SERVICE_UNAVAILABLE, "publish.unavailable");
		assertProblem(publish(this.key, "{\"destination\": \"/topic/orders.*\", \"body\": 1}").exchange(),
				HttpStatus.BAD_REQUEST, "publish.bad_destination");
		given(this.broker.isAvailable()).willReturn(true);
		assertThat(publish(this.key, BODY)).hasStatus(HttpStatus.ACCEPTED).bodyJson().isLenientlyEqualTo("""
				{"position": {"epoch": "e1", "offset": 1}}""");
		then(this.template).should(times(1)).send(anyString(), any(Message.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "tab\there", "caf\u00e9" })
	void aMalformedKeyIsRefused(String key) {
		assertProblem(publish(key, BODY).exchange(), HttpStatus.BAD_REQUEST, "publish.bad_idempotency_key");
		then(this.template).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "bell\u0007", "delete\u007f" })
	void aKeyWithOtherControlCharactersNeverGetsPastTheFirewall(String key) {
		// Spring Security's StrictHttpFirewall refuses such header values with a bare
		// 400.
		assertThat(publish(key, BODY)).hasStatus(HttpStatus.BAD_REQUEST);
		then(this.template).shouldHaveNoInteractions();
	}

	@Test
	void aKeyIsAtMost255Characters() {
		assertProblem(publish("k".repeat(256), BODY).exchange(), HttpStatus.BAD_REQUEST, "publish.bad_idempotency_key");
		assertThat(publish("k".repeat(255), BODY)).hasStatus(HttpStatus.ACCEPTED);
		assertThat(publish("\"quoted, with spaces and ~!@#$%^&*()\"", BODY)).hasStatus(HttpStatus.ACCEPTED);
	}

	@Test
	void twoKeysAreRefused() {
		assertProblem(publish(this.key, BODY).header(PublishGate.IDEMPOTENCY_KEY, "other").exchange(),
				HttpStatus.BAD_REQUEST, "publish.bad_idempotency_key");
		then(this.template).shouldHaveNoInteractions();
	}

	@Test
	void theTokenIsCheckedBeforeTheKey() {
		MvcTestResult result = this.mvc.post()
			.uri(PublishController.PATH)
			.header(PublishGate.IDEMPOTENCY_KEY, "")
			.contentType(MediaType.APPLICATION_JSON)
			.content(BODY)
			.exchange();
		assertProblem(result, HttpStatus.UNAUTHORIZED, "publish.unauthorized");
	}

	private MockMvcRequestBuilder publish(@Nullable String key, String body) {
		MockMvcRequestBuilder request = this.mvc.post()
			.uri(PublishController.PATH)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + PublishApiTest.TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
		return (key != null) ? request.header(PublishGate.IDEMPOTENCY_KEY, key) : request;
	}

}
