package io.railside.publish;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.railside.history.Position;
import io.railside.publish.PublishException.Problem;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place that knows how each request to the publish API ended, accepted or
 * refused, and answers it: 202 with the message ids and positions, 200 with a topic's
 * position, or an RFC 9457 problem with a stable {@code code}. Logging and metrics of the
 * publish API hang off here.
 */
@RestControllerAdvice(
		assignableTypes = { PublishController.class, TopicPositionController.class, CableBroadcastController.class })
class PublishOutcomes {

	static final String PROBLEM_TYPE_PREFIX = "tag:railside.io,2026:";

	private static final Log logger = LogFactory.getLog(PublishOutcomes.class);

	private final ObjectProvider<MeterRegistry> meters;

	PublishOutcomes(ObjectProvider<MeterRegistry> meters) {
		this.meters = meters;
	}

	/**
	 * Answer an accepted request. The members a client of the first version reads
	 * ({@code id}, {@code ids}) keep their form; positions come beside them.
	 * @param request the request
	 * @param published its messages, in order
	 * @return 202 with {@code id} and {@code position} (left out where the message has
	 * none), or {@code ids} and {@code positions} (with {@code null} entries) for a batch
	 */
	ResponseEntity<Map<String, Object>> accepted(PublishRequest request, List<Published> published) {
		if (logger.isDebugEnabled()) {
			logger.debug("Published " + published.size() + " message(s): " + published);
		}
		count(HttpStatus.ACCEPTED, null);
		Map<String, Object> body = new LinkedHashMap<>();
		if (request.batch()) {
			List<@Nullable Position> positions = new ArrayList<>(published.size());
			published.forEach((message) -> positions.add(message.position()));
			body.put("ids", published.stream().map(Published::id).toList());
			body.put("positions", positions);
		}
		else {
			body.put("id", published.get(0).id());
			Position position = published.get(0).position();
			if (position != null) {
				body.put("position", position);
			}
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
	}

	/**
	 * Answer an accepted broadcast, as AnyCable's broadcast endpoint does.
	 * @param count how many messages it held
	 * @return 201 without a body
	 */
	ResponseEntity<Void> created(int count) {
		if (logger.isDebugEnabled()) {
			logger.debug("Broadcast " + count + " message(s) to cable streams");
		}
		count(HttpStatus.CREATED, null);
		return ResponseEntity.status(HttpStatus.CREATED).build();
	}

	/**
	 * Answer a request for a topic's position.
	 * @param position the position
	 * @return 200 with {@code epoch} and {@code offset}
	 */
	ResponseEntity<Position> position(Position position) {
		count(HttpStatus.OK, null);
		return ResponseEntity.ok(position);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(PublishException ex, HttpServletRequest request) {
		Problem problem = ex.problem();
		logger.info("Refused publish request from " + request.getRemoteAddr() + ": " + problem.code()
				+ ((ex.pointer() != null) ? " at " + ex.pointer() : ""));
		count(problem.status(), problem.code());
		ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), ex.getMessage());
		body.setType(URI.create(PROBLEM_TYPE_PREFIX + problem.code()));
		body.setTitle(problem.title());
		body.setProperty("code", problem.code());
		if (ex.pointer() != null) {
			body.setProperty("pointer", ex.pointer());
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.status());
		if (problem == Problem.UNAUTHORIZED) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		if (problem == Problem.UNAVAILABLE) {
			response.header(HttpHeaders.RETRY_AFTER, "5");
		}
		return response.body(body);
	}

	private void count(HttpStatusCode status, @Nullable String code) {
		MeterRegistry registry = this.meters.getIfAvailable();
		if (registry != null) {
			registry
				.counter("railside.publish.requests", "status", Integer.toString(status.value()), "code",
						(code != null) ? code : "accepted")
				.increment();
		}
	}

}
