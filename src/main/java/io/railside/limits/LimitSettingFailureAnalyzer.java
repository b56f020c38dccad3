package io.railside.limits;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link LimitSettingException} into a start-up report without a stack trace.
 */
class LimitSettingFailureAnalyzer extends AbstractFailureAnalyzer<LimitSettingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LimitSettingException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Change the settings named above so that they agree (the Limits table of the README gives each"
						+ " one's meaning and default).",
				cause);
	}

}
