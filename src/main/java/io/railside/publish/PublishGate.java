package io.railside.publish;

import io.railside.security.SharedToken;
import io.railside.publish.PublishException.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a publish request from its headers alone, before a byte of its body is read:
 * the token first (so a caller without it learns nothing else), then the content type,
 * then the declared length.
 */
class PublishGate implements HandlerInterceptor {

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
		checkContentType(request.getContentType());
		checkContentLength(request.getContentLengthLong());
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

}
