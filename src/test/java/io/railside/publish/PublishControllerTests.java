package io.railside.publish;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import io.railside.broker.BrokerStatus;
import io.railside.history.History;
import io.railside.history.Position;
import io.railside.history.PositionReceipt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.assertj.MvcTestResultAssert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.times;

/**
 * The publish API over the application's own HTTP security, with the broker mocked: each
 * status, its problem+json and stable code, and that nothing is sent unless all is well.
 */
@PublishApiTest
class PublishControllerTests {

	static final String TOKEN = PublishApiTest.TOKEN;

	private static final JsonMapper json = JsonMapper.shared();

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

	@BeforeEach
	void brokerIsUp() {
		given(this.broker.isAvailable()).willReturn(true);
	}

	@Test
	void whileTheBrokerIsDownAnswers503WithRetryAfterAndSendsNothing() {
		given(this.broker.isAvailable()).willReturn(false);
		assertThat(publish(message("/topic/orders.42", "hello")).exchange()).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader("Retry-After", "5")
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("publish.unavailable");
		then(this.template).shouldHaveNoInteractions();
	}

	@Test
	void publishesAStringBodyAsPlainText() {
		MvcTestResult result = publish(message("/topic/orders.42", "hello")).exchange();
		// 202 rather than Spring Security's default 401 or 403 (CSRF): Railside's own
		// chain ran.
		assertThat(result).hasStatus(HttpStatus.ACCEPTED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.hasHeader("X-Content-Type-Options", "nosniff");
		String id = json.readTree(result.getResponse().getContentAsByteArray()).get("id").stringValue();
		Message<?> sent = sent("/topic/orders.42");
		assertThat(sent.getPayload()).isEqualTo("hello".getBytes());
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(sent);
		assertThat(headers.getContentType()).hasToString("text/plain;charset=UTF-8");
		assertThat(headers.getFirstNativeHeader("railside-message-id")).isEqualTo(id).hasSize(36);
	}

	@Test
	void publishesAnyOtherJsonBodyAsCompactJsonWithItsHeaders() {
		Map<String, Object> message = message("/user/user-42/queue/notices",
				Map.of("total", new BigDecimal("19.90"), "items", List.of(1, 2)));
		message.put("headers", Map.of("event", "order.updated"));
		assertThat(publish(message)).hasStatus(HttpStatus.ACCEPTED).bodyJson().hasPath("$.id");
		Message<?> sent = sent("/user/user-42/queue/notices");
		assertThat(new String((byte[]) sent.getPayload())).isIn("{\"total\":19.90,\"items\":[1,2]}",
				"{\"items\":[1,2],\"total\":19.90}");
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(sent);
		assertThat(headers.getContentType()).hasToString("application/json");
		assertThat(headers.getFirstNativeHeader("event")).isEqualTo("order.updated");
	}

	@Test
	void publishesABatchInOrderAndAnswersTheIdsInOrder() {
		MvcTestResult result = publish(Map.of("messages",
				List.of(message("/topic/a", "1"), message("/topic/b", 2), message("/user/alice/queue/c", "3"))))
			.exchange();
		assertThat(result).hasStatus(HttpStatus.ACCEPTED).bodyJson().extractingPath("$.ids").asArray().hasSize(3);
		ArgumentCaptor<String> destinations = ArgumentCaptor.captor();
		ArgumentCaptor<Message<?>> messages = ArgumentCaptor.captor();
		then(this.template).should(times(3)).send(destinations.capture(), messages.capture());
		assertThat(destinations.getAllValues()).containsExactly("/topic/a", "/topic/b", "/user/alice/queue/c");
		List<String> ids = List.of(json.readTree(result.getResponse().getContentAsByteArray())
			.get("ids")
			.valueStream()
			.map((id) -> id.stringValue())
			.toArray(String[]::new));
		assertThat(messages.getAllValues())
			.extracting(
					(message) -> SimpMessageHeaderAccessor.wrap(message).getFirstNativeHeader("railside-message-id"))
			.isEqualTo(ids);
	}

	@Test
	void answersWhereEachTopicMessageLandedBesideItsId() {
		brokerPlacesTopicMessagesFrom(41);
		assertThat(publish(message("/topic/orders.42", "hello"))).hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"position": {"epoch": "e1", "offset": 42}}""");
	}

	@Test
	void aUserQueueMessageOrABrokerWithoutPositionsAnswersNoPosition() {
		assertThat(publish(message("/topic/orders.42", "hello"))).hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.doesNotHavePath("$.position");
		brokerPlacesTopicMessagesFrom(0);
		assertThat(publish(message("/user/alice/queue/notices", "hello"))).hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.doesNotHavePath("$.position");
	}

	@Test
	void answersABatchsPositionsInOrderWithNullForAUserQueue() {
		brokerPlacesTopicMessagesFrom(6);
		MvcTestResult result = publish(Map.of("messages",
				List.of(message("/topic/a", "1"), message("/user/alice/queue/c", "2"), message("/topic/b", "3"))))
			.exchange();
		assertThat(result).hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.isStrictlyEqualTo("""
					{"ids": ["%s", "%s", "%s"],
					 "positions": [{"epoch": "e1", "offset": 7}, null, {"epoch": "e1", "offset": 8}]}"""
				.formatted(json.readTree(result.getResponse().getContentAsByteArray())
					.get("ids")
					.valueStream()
					.map((id) -> id.stringValue())
					.toArray()));
	}

	@Test
	void acceptsTheBearerSchemeInAnyCase() {
		assertThat(this.mvc.post()
			.uri(PublishController.PATH)
			.header(HttpHeaders.AUTHORIZATION, "bearer " + TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(message("/topic/a", "x")))).hasStatus(HttpStatus.ACCEPTED);
	}

	@Test
	void whenTheBatchHasABadLastMessageThenNoneIsSent() {
		MvcTestResult result = publish(Map.of("messages",
				List.of(message("/topic/a", "1"), message("/topic/b", "2"), message("/topic/c.*", "3"))))
			.exchange();
		assertProblem(result, HttpStatus.BAD_REQUEST, "publish.bad_destination").bodyJson()
			.extractingPath("$.pointer")
			.isEqualTo("/messages/2/destination");
		then(this.template).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/orders.*", "/topic/orders.#", "/topic/**", "/topic/", "/topic/a..b", "/topic/a/b",
			"/queue/orders", "/app/orders", "/exchange/amq.topic/orders", "/amq/queue/orders", "/temp-queue/x",
			"topic/orders", "", "/user/queue/notices", "/user//queue/notices", "/user/alice/topic/notices",
			"/user/alice/queue/", "/user/alice/queue/a.*", "/user/a/b/queue/notices", "/user/a%2Fb/queue/notices",
			"/user/bad\u0007bell/queue/notices", "/user/bad\nline/queue/notices",
			"/topic/railside-internal.user-registry", "/topic/railside-internal.unresolved-user",
			"/topic/railside-internal.anything" })
	void refusesDestinationsOutsideTheRules(String destination) {
		assertProblem(publish(message(destination, "x")).exchange(), HttpStatus.BAD_REQUEST, "publish.bad_destination")
			.bodyJson()
			.extractingPath("$.pointer")
			.isEqualTo("/destination");
		then(this.template).shouldHaveNoInteractions();
	}

	@Test
	void refusesOverlongDestinations() {
		assertProblem(publish(message("/topic/" + "a".repeat(201), "x")).exchange(), HttpStatus.BAD_REQUEST,
				"publish.bad_destination");
		assertProblem(publish(message("/user/" + "u".repeat(201) + "/queue/x", "x")).exchange(), HttpStatus.BAD_REQUEST,
				"publish.bad_destination");
		assertThat(publish(message("/user/" + "u".repeat(200) + "/queue/" + "a".repeat(200), "x")))
			.hasStatus(HttpStatus.ACCEPTED);
	}

	@Test
	void refusesADestinationThatIsNotAString() {
		assertProblem(publish(Map.of("destination", 42, "body", "x")).exchange(), HttpStatus.BAD_REQUEST,
				"publish.bad_destination");
	}

	@ParameterizedTest
	@MethodSource("badHeaders")
	void refusesBadHeaders(Object headers) {
		Map<String, Object> message = message("/topic/a", "x");
		message.put("headers", headers);
		assertProblem(publish(message).exchange(), HttpStatus.BAD_REQUEST, "publish.bad_headers");
		then(this.template).shouldHaveNoInteractions();
	}

	static List<Object> badHeaders() {
		Map<String, String> tooMany = new LinkedHashMap<>();
		IntStream.range(0, 21).forEach((i) -> tooMany.put("h" + i, "v"));
		return List.of(Map.of("destination", "/topic/b"), Map.of("Content-Type", "text/html"),
				Map.of("MESSAGE-ID", "1"), Map.of("subscription", "1"), Map.of("receipt", "r"),
				Map.of("simpSessionId", "s"), Map.of("nativeHeaders", "n"), Map.of("railside-message-id", "m"),
				Map.of("persistent", "true"), Map.of("timestamp", "now"), Map.of("amqp-message-id", "m"),
				Map.of("x-message-ttl", "1"), Map.of("CC", "other"), Map.of("has space", "v"), Map.of("", "v"),
				Map.of("dotted.name", "v"), Map.of("h".repeat(65), "v"), Map.of("event", "v".repeat(1025)),
				Map.of("event", "bad\nvalue"), Map.of("event", 42), Map.of("event", Map.of()), tooMany,
				List.of("event"), "event");
	}

	@Test
	void acceptsTwentyHeadersOfTheLongestKind() {
		Map<String, String> headers = new LinkedHashMap<>();
		IntStream.range(0, 20)
			.forEach((i) -> headers.put(("h" + i + "-").repeat(40).substring(0, 64), "v".repeat(1024)));
		Map<String, Object> message = message("/topic/a", "x");
		message.put("headers", headers);
		assertThat(publish(message)).hasStatus(HttpStatus.ACCEPTED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{", "not json", "", "{\"destination\": \"/topic/a\", \"body\": 1} {}",
			"{\"destination\": \"/topic/a\", \"destination\": \"/topic/b\", \"body\": 1}", "[]", "\"/topic/a\"", "{}",
			"{\"body\": \"x\"}", "{\"destination\": \"/topic/a\"}",
			"{\"destination\": \"/topic/a\", \"body\": \"x\", \"header\": {}}",
			"{\"destination\": \"/topic/a\", \"body\": \"x\", \"messages\": []}", "{\"messages\": {}}",
			"{\"messages\": [\"x\"]}" })
	void refusesJsonOfTheWrongForm(String body) {
		assertProblem(publishRaw(body).exchange(), HttpStatus.BAD_REQUEST, "publish.bad_json");
		then(this.template).shouldHaveNoInteractions();
	}

	@Test
	void whenNoTokenIsSentThenUnauthorized() {
		MvcTestResult result = this.mvc.post()
			.uri(PublishController.PATH)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(message("/topic/a", "x")))
			.exchange();
		assertProblem(result, HttpStatus.UNAUTHORIZED, "publish.unauthorized").hasHeader(HttpHeaders.WWW_AUTHENTICATE,
				"Bearer");
		then(this.template).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bearer wrong", "Bearer " + TOKEN + "x", "Bearer s3cret", "Bearer", "Bearer ",
			"Basic " + TOKEN, TOKEN, "Token " + TOKEN })
	void whenTheTokenIsWrongThenUnauthorized(String authorization) {
		MvcTestResult result = this.mvc.post()
			.uri(PublishController.PATH)
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(message("/topic/a", "x")))
			.exchange();
		assertProblem(result, HttpStatus.UNAUTHORIZED, "publish.unauthorized");
		then(this.template).shouldHaveNoInteractions();
	}

	@Test
	void theTokenIsCheckedBeforeTheBodyTypeAndSize() {
		MvcTestResult result = this.mvc.post()
			.uri(PublishController.PATH)
			.contentType(MediaType.TEXT_PLAIN)
			.content("x".repeat(40 * 1024))
			.exchange();
		assertProblem(result, HttpStatus.UNAUTHORIZED, "publish.unauthorized");
	}

	@Test
	void whenTheDeclaredLengthIsOverTheLimitThenTooLarge() {
		assertProblem(publishRaw(" ".repeat(32 * 1024 + 1)).exchange(), HttpStatus.CONTENT_TOO_LARGE,
				"publish.too_large")
			.bodyJson()
			.doesNotHavePath("$.pointer");
	}

	@Test
	void whenAMessageBodyIsOverTheLimitThenTooLarge() {
		assertThat(publish(message("/topic/a", "x".repeat(1024)))).hasStatus(HttpStatus.ACCEPTED);
		assertProblem(publish(message("/topic/a", "x".repeat(1025))).exchange(), HttpStatus.CONTENT_TOO_LARGE,
				"publish.too_large")
			.bodyJson()
			.extractingPath("$.pointer")
			.isEqualTo("/body");
		assertProblem(publish(message("/topic/a", List.of("x".repeat(1022)))).exchange(), HttpStatus.CONTENT_TOO_LARGE,
				"publish.too_large");
	}

	@Test
	void whenTheBatchHasTooManyMessagesThenTooLargeAndNoneIsSent() {
		assertProblem(
				publish(Map.of("messages",
						List.of(message("/topic/a", "1"), message("/topic/a", "2"), message("/topic/a", "3"),
								message("/topic/a", "4"))))
					.exchange(),
				HttpStatus.CONTENT_TOO_LARGE, "publish.too_large");
		then(this.template).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/x-www-form-urlencoded", "application/xml",
			"application/json;charset=ISO-8859-1", "application/json;charset=no-such-charset", "json" })
	void whenTheContentTypeIsNotJsonThenUnsupportedMediaType(String contentType) {
		MvcTestResult result = this.mvc.post()
			.uri(PublishController.PATH)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.header(HttpHeaders.CONTENT_TYPE, contentType)
			.content("{\"destination\": \"/topic/a\", \"body\": \"x\"}")
			.exchange();
		assertProblem(result, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "publish.unsupported_media_type");
		then(this.template).shouldHaveNoInteractions();
	}

	@Test
	void whenTheContentTypeIsMissingThenUnsupportedMediaType() {
		MvcTestResult result = this.mvc.post()
			.uri(PublishController.PATH)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.content("{\"destination\": \"/topic/a\", \"body\": \"x\"}")
			.exchange();
		assertProblem(result, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "publish.unsupported_media_type");
	}

	@Test
	void acceptsJsonInUtf8() {
		MvcTestResult result = this.mvc.post()
			.uri(PublishController.PATH)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.header(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
			.content("{\"destination\": \"/topic/a\", \"body\": \"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8))
			.exchange();
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		assertThat(sent("/topic/a").getPayload()).isEqualTo("caf\u00e9".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void whenTheBrokerDoesNotTakeTheMessageThenUnavailable() {
		willThrow(new MessageDeliveryException("broker channel full")).given(this.template)
			.send(anyString(), any(Message.class));
		assertProblem(publish(message("/topic/a", "x")).exchange(), HttpStatus.SERVICE_UNAVAILABLE,
				"publish.unavailable")
			.bodyText()
			.doesNotContain("broker channel full");
	}

	@Test
	void otherMethodsAreNotAllowed() {
		MvcTestResult result = this.mvc.get()
			.uri(PublishController.PATH)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.exchange();
		assertThat(result).hasStatus(HttpStatus.METHOD_NOT_ALLOWED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader(HttpHeaders.ALLOW, "POST");
	}

	@Test
	void aPreflightGetsNoCorsHeaders() {
		MvcTestResult result = this.mvc.options()
			.uri(PublishController.PATH)
			.header(HttpHeaders.ORIGIN, "https://browser.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
			.exchange();
		assertThat(result.getResponse().getHeaderNames())
			.noneMatch((name) -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"));
	}

	@Test
	void aCrossOriginPostGetsNoCorsHeaders() {
		MvcTestResult result = publish(message("/topic/a", "x")).header(HttpHeaders.ORIGIN, "https://browser.example")
			.exchange();
		assertThat(result.getResponse().getHeaderNames())
			.noneMatch((name) -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"));
	}

	/**
	 * Without a publish token the API is off, and says how to turn it on.
	 */
	@Nested
	@TestPropertySource(properties = "railside.publish.token= ")
	class WithoutAToken {

		@Test
		void everyRequestIsForbiddenWithASentenceOnHowToEnablePublishing() {
			MvcTestResult result = publishRaw("{\"destination\": \"/topic/a\", \"body\": \"x\"}").exchange();
			assertProblem(result, HttpStatus.FORBIDDEN, "publish.disabled").bodyJson()
				.extractingPath("$.detail")
				.asString()
				.contains("set RAILSIDE_PUBLISH_TOKEN");
			then(PublishControllerTests.this.template).shouldHaveNoInteractions();
		}

	}

	/**
	 * Fill in each topic message's receipt as the in-memory broker does, with offsets one
	 * after the other.
	 * @param lastOffset the offset before the first
	 */
	private void brokerPlacesTopicMessagesFrom(long lastOffset) {
		long[] offset = { lastOffset };
		willAnswer((invocation) -> {
			Message<?> message = invocation.getArgument(1);
			if (message.getHeaders().get(PositionReceipt.HEADER) instanceof PositionReceipt receipt) {
				receipt.place(new Position("e1", ++offset[0]));
			}
			return null;
		}).given(this.template).send(anyString(), any(Message.class));
	}

	private MockMvcRequestBuilder publish(Object request) {
		return publishRaw(json.writeValueAsString(request));
	}

	private MockMvcRequestBuilder publishRaw(String body) {
		return this.mvc.post()
			.uri(PublishController.PATH)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

	private static Map<String, Object> message(String destination, Object body) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("destination", destination);
		message.put("body", body);
		return message;
	}

	private Message<?> sent(String destination) {
		ArgumentCaptor<Message<?>> message = ArgumentCaptor.captor();
		then(this.template).should().send(eq(destination), message.capture());
		return message.getValue();
	}

	static MvcTestResultAssert assertProblem(MvcTestResult result, HttpStatus status, String code) {
		String body = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(body).doesNotContain(TOKEN, "Exception", "\tat ", "trace");
		assertThat(result).hasStatus(status)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.code", (value) -> assertThat(value).isEqualTo(code))
			.hasPathSatisfying("$.type", (value) -> assertThat(value).isEqualTo("tag:railside.io,2026:" + code))
			.hasPath("$.title")
			.hasPathSatisfying("$.detail", (value) -> assertThat(value).asString().endsWith(".").doesNotContain("\n"))
			.hasPathSatisfying("$.status", (value) -> assertThat(value).isEqualTo(status.value()));
		return assertThat(result);
	}

}
