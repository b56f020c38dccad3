package io.railside.publish;

import io.railside.broker.BrokerStatus;
import io.railside.history.History;
import io.railside.history.Position;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.railside.publish.PublishControllerTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

/**
 * {@code GET /api/v1/topics/{name}/position} over the application's own HTTP security,
 * with the history mocked: the position, the publish token exactly as for publishing, the
 * destination rules, and a problem where topics have no positions.
 */
@PublishApiTest
class TopicPositionControllerTests {

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
	void historyIsOn() {
		given(this.history.isEnabled()).willReturn(true);
		given(this.history.position(anyString())).willReturn(new Position("e1", 0));
	}

	@Test
	void answersTheTopicsCurrentPosition() {
		given(this.history.position("/topic/orders.42")).willReturn(new Position("5f0e7a1c9b2d4e63", 1234));
		assertThat(position("orders.42", "Bearer " + PublishApiTest.TOKEN)).hasStatus(HttpStatus.OK)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.hasHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate")
			.bodyJson()
			.isStrictlyEqualTo("""
					{"epoch": "5f0e7a1c9b2d4e63", "offset": 1234}""");
	}

	@ParameterizedTest
	@ValueSource(strings = { "orders.*", "orders.#", "a..b", ".a", "a b", "railside-internal.user-registry",
			"railside-internal.anything" })
	void refusesNamesOutsideTheRulesOfPublishDestinations(String name) {
		assertProblem(position(name, "Bearer " + PublishApiTest.TOKEN), HttpStatus.BAD_REQUEST,
				"publish.bad_destination")
			.bodyJson()
			.doesNotHavePath("$.pointer");
		then(this.history).should(never()).position(anyString());
	}

	@Test
	void refusesAnOverlongName() {
		assertProblem(position("a".repeat(201), "Bearer " + PublishApiTest.TOKEN), HttpStatus.BAD_REQUEST,
				"publish.bad_destination");
		assertThat(position("a".repeat(200), "Bearer " + PublishApiTest.TOKEN)).hasStatus(HttpStatus.OK);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Bearer wrong", "Bearer ", "Basic " + PublishApiTest.TOKEN })
	void withoutThePublishTokenAnswersUnauthorized(String authorization) {
		MvcTestResult result = position("orders.42", authorization);
		assertProblem(result, HttpStatus.UNAUTHORIZED, "publish.unauthorized").hasHeader(HttpHeaders.WWW_AUTHENTICATE,
				"Bearer");
		then(this.history).should(never()).position(anyString());
	}

	@Test
	void theTokenIsCheckedBeforeTheName() {
		assertProblem(position("orders.*", "Bearer wrong"), HttpStatus.UNAUTHORIZED, "publish.unauthorized");
	}

	@Test
	void whereTopicsHaveNoPositionsAnswersNotSupported() {
		given(this.history.isEnabled()).willReturn(false);
		assertProblem(position("orders.42", "Bearer " + PublishApiTest.TOKEN), HttpStatus.NOT_IMPLEMENTED,
				"publish.not_supported");
	}

	/**
	 * Without a publish token the position is closed as publishing is.
	 */
	@Nested
	@TestPropertySource(properties = "railside.publish.token= ")
	class WithoutAToken {

		@Test
		void isForbidden() {
			assertProblem(position("orders.42", "Bearer " + PublishApiTest.TOKEN), HttpStatus.FORBIDDEN,
					"publish.disabled");
		}

	}

	private MvcTestResult position(String name, String authorization) {
		MockMvcTester.MockMvcRequestBuilder request = this.mvc.get().uri("/api/v1/topics/{name}/position", name);
		if (!authorization.isEmpty()) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return request.exchange();
	}

}
