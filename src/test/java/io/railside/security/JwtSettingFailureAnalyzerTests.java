package io.railside.security;

import io.railside.RailsideApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Unusable JWT settings stop start-up with a report that says which setting to fix, with
 * no stack trace and without the secret.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class JwtSettingFailureAnalyzerTests {

	@Test
	void describesTheSettingAndSaysWhatToDo() {
		JwtSettingException failure = new JwtSettingException(
				"RAILSIDE_JWT_SECRET is 12 bytes long; HS256 needs at least 32.");
		FailureAnalysis analysis = new JwtSettingFailureAnalyzer().analyze(new IllegalStateException(failure));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo(failure.getMessage());
		assertThat(analysis.getAction())
			.contains("RAILSIDE_JWT_SECRET", "32 bytes", "RAILSIDE_JWT_JWKS_URI", "RAILSIDE_JWT_AUDIENCE")
			.doesNotContain("Exception", "\tat ");
	}

	@Test
	void startUpWithAKeySetButNoAudienceNamesTheAudienceSetting(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> SpringApplication.run(RailsideApplication.class, "--railside.http.port=0",
					"--server.port=0", "--railside.jwt.jwks-uri=http://127.0.0.1:9/jwks.json"))
			.havingRootCause()
			.isInstanceOf(JwtSettingException.class);
		assertThat(output)
			.contains("APPLICATION FAILED TO START", "RAILSIDE_JWT_JWKS_URI is set but RAILSIDE_JWT_AUDIENCE is not",
					"Set either RAILSIDE_JWT_SECRET")
			.doesNotContain("\tat ");
	}

	@Test
	void startUpWithAShortSecretReportsItsLengthButNeverTheSecret(CapturedOutput output) {
		String secret = "too-short-key";
		assertThatException()
			.isThrownBy(() -> SpringApplication.run(RailsideApplication.class, "--railside.http.port=0",
					"--server.port=0", "--railside.jwt.secret=" + secret))
			.havingRootCause()
			.isInstanceOf(JwtSettingException.class)
			.withMessageNotContaining(secret);
		assertThat(output).contains("APPLICATION FAILED TO START", "RAILSIDE_JWT_SECRET is 13 bytes long")
			.doesNotContain(secret, "\tat ");
	}

}
