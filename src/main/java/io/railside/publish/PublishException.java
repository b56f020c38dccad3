package io.railside.publish;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Why a publish request was refused, as the backend sees it: a {@link Problem} with a
 * stable code, one sentence, and where in the request the fault is.
 */
class PublishException extends RuntimeException {

	private final Problem problem;

	private final @Nullable String pointer;

	/**
	 * Create a refusal.
	 * @param problem the kind of problem
	 * @param sentence one plain sentence for people; never a secret or an internal detail
	 * @param pointer a JSON Pointer to the faulty part of the request, or {@code null}
	 */
	PublishException(Problem problem, String sentence, @Nullable String pointer) {
		super(sentence, null, false, false);
		this.problem = problem;
		this.pointer = pointer;
	}

	PublishException(Problem problem, String sentence) {
		this(problem, sentence, null);
	}

	Problem problem() {
		return this.problem;
	}

	@Nullable String pointer() {
		return this.pointer;
	}

	/**
	 * The kinds of refusal: each with its status, its stable code and its title.
	 */
	enum Problem {

		DISABLED(HttpStatus.FORBIDDEN, "publish.disabled", "Publishing is disabled"),

		UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "publish.unauthorized", "Missing or wrong publish token"),

		UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "publish.unsupported_media_type",
				"Unsupported media type"),

		TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "publish.too_large", "Too large"),

		BAD_JSON(HttpStatus.BAD_REQUEST, "publish.bad_json", "Bad JSON"),

		BAD_DESTINATION(HttpStatus.BAD_REQUEST, "publish.bad_destination", "Bad destination"),

		BAD_HEADERS(HttpStatus.BAD_REQUEST, "publish.bad_headers", "Bad headers"),

		BAD_IDEMPOTENCY_KEY(HttpStatus.BAD_REQUEST, "publish.bad_idempotency_key", "Bad Idempotency-Key"),

		IDEMPOTENCY_IN_FLIGHT(HttpStatus.CONFLICT, "publish.idempotency_in_flight",
				"A request with this Idempotency-Key is in progress"),

		IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "publish.idempotency_key_reused",
				"Idempotency-Key reused with another body"),

		UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "publish.unavailable", "Broker unavailable"),

		/**
		 * Positions asked where messages have none (history turned off): 501, since it
		 * depends on how Railside runs rather than on the request or the moment, so
		 * retrying does not help, unlike 503.
		 */
		NOT_SUPPORTED(HttpStatus.NOT_IMPLEMENTED, "publish.not_supported", "Positions not supported");

		private final HttpStatus status;

		private final String code;

		private final String title;

		Problem(HttpStatus status, String code, String title) {
			this.status = status;
			this.code = code;
			this.title = title;
		}

		HttpStatus status() {
			return this.status;
		}

		String code() {
			return this.code;
		}

		String title() {
			return this.title;
		}

	}

}
