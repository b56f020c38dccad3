package io.railside.publish;

import java.util.Collections;
import java.util.List;

import io.railside.publish.PublishException.Problem;
import io.railside.security.SharedToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a request to the publish API from its headers alone, before a byte of its body
 * is read: the token first (so a caller without it learns nothing else), then, for a
 * publish, the content type, the declared length and the {@code Idempotency-Key}.
 */
class PublishGate implements HandlerInterceptor {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

	private final SharedToken token;

	private final long maxRequestSize;

	PublishGate(SharedToken token, long maxRequestSize) {
		this.token = token;
		this.maxRequestSize = maxRequestSize;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod)) {
			// A CORS preflight: Spring answers it without any Access-Control-* header.
			return true;
		}
		checkToken(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (HttpMethod.POST.matches(request.getMethod())) {
			checkContentType(request.getContentType());
			checkContentLength(request.getContentLengthLong());
			checkIdempotencyKey(Collections.list(request.getHeaders(IDEMPOTENCY_KEY)));
		}
		return true;
	}

	private void checkToken(@Nullable String authorization) {
		if (!this.token.isEnabled()) {
			throw new PublishException(Problem.DISABLED,
					"Publishing is disabled: set RAILSIDE_PUBLISH_TOKEN to a secret and send it as a Bearer token.");
		}
		String presented = SharedToken.fromBearer(authorization);
		if (presented == null) {
			throw new PublishException(Problem.UNAUTHORIZED,
					"Send the publish token in an Authorization: Bearer header.");
		}
		if (!this.token.matches(presented)) {
			throw new PublishException(Problem.UNAUTHORIZED, "The publish token is not the one Railside expects.");
		}
	}

	private void checkContentType(@Nullable String contentType) {
		if (contentType == null || !isUtf8Json(contentType)) {
			throw new PublishException(Problem.UNSUPPORTED_MEDIA_TYPE,
					"Send the request body as application/json in UTF-8.");
		}
	}

	private static boolean isUtf8Json(String contentType) {
		try {
			MediaType mediaType = MediaType.parseMediaType(contentType);
			return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(mediaType)
					&& (mediaType.getCharset() == null || "UTF-8".equals(mediaType.getCharset().name()));
		}
		catch (IllegalArgumentException ex) {
			// Not a media type, or a charset this JVM does not know.
			return false;
		}
	}

	private void checkContentLength(long contentLength) {
		if (contentLength > this.maxRequestSize) {
			throw new PublishException(Problem.TOO_LARGE,
					"A request body may be at most " + this.maxRequestSize + " bytes long.");
		}
	}

	private static void checkIdempotencyKey(List<String> keys) {
		if (keys.size() > 1) {
			throw badIdempotencyKey("Send one Idempotency-Key header, not several.");
		}
		if (keys.size() == 1 && !isIdempotencyKey(keys.get(0))) {
			throw badIdempotencyKey("An Idempotency-Key is 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
					+ " printable ASCII characters, not all spaces, such as a UUID.");
		}
	}

	private static boolean isIdempotencyKey(String key) {
		return !key.isBlank() && key.length() <= MAX_IDEMPOTENCY_KEY_LENGTH
				&& key.chars().allMatch((c) -> c >= 0x20 && c < 0x7f);
	}

	private static PublishException badIdempotencyKey(String sentence) {
		return new PublishException(Problem.BAD_IDEMPOTENCY_KEY, sentence);
	}

}
