package io.railside.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link JwtSettingException} into a start-up report without a stack trace.
 */
class JwtSettingFailureAnalyzer extends AbstractFailureAnalyzer<JwtSettingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, JwtSettingException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set either RAILSIDE_JWT_SECRET, to a random string of at least 32 bytes (for example the output of"
						+ " `openssl rand -hex 32`), or RAILSIDE_JWT_JWKS_URI, to your identity provider's key set,"
						+ " together with RAILSIDE_JWT_AUDIENCE, the audience its tokens for Railside carry; not both.",
				cause);
	}

}
