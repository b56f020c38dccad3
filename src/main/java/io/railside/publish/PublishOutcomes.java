package io.railside.publish;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.railside.publish.PublishException.Problem;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place that knows how each publish request ended, accepted or refused, and
 * answers it: 202 with the message ids, or an RFC 9457 problem with a stable
 * {@code code}. Logging (and later metrics) of the publish API hangs off here.
 */
@RestControllerAdvice(assignableTypes = PublishController.class)
class PublishOutcomes {

	static final String PROBLEM_TYPE_PREFIX = "tag:railside.io,2026:";

	private static final Log logger = LogFactory.getLog(PublishOutcomes.class);

	private final ObjectProvider<MeterRegistry> meters;

	PublishOutcomes(ObjectProvider<MeterRegistry> meters) {
		this.meters = meters;
	}

	/**
	 * Answer an accepted request.
	 * @param request the request
	 * @param ids the ids of its messages, in order
	 * @return 202 with {@code id}, or {@code ids} for a batch
	 */
	ResponseEntity<Map<String, Object>> accepted(PublishRequest request, List<String> ids) {
		if (logger.isDebugEnabled()) {
			logger.debug("Published " + ids.size() + " message(s): " + ids);
		}
		count(HttpStatus.ACCEPTED, null);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(request.batch() ? Map.of("ids", ids) : Map.of("id", ids.get(0)));
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
