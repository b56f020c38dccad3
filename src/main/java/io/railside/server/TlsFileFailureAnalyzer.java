package io.railside.server;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link TlsFileException} into a start-up report without a stack trace.
 */
class TlsFileFailureAnalyzer extends AbstractFailureAnalyzer<TlsFileException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TlsFileException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Point " + cause.getSetting()
						+ " at a readable PEM file, or unset both RAILSIDE_TLS_CERTIFICATE and RAILSIDE_TLS_PRIVATE_KEY"
						+ " to use a generated development certificate.",
				cause);
	}

}
