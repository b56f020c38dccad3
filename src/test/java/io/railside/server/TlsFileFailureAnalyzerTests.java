package io.railside.server;

import java.nio.file.Path;

import io.railside.RailsideApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Checks that an unusable TLS file stops start-up with a report that names the file and
 * the setting, without a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsFileFailureAnalyzerTests {

	@TempDir
	Path directory;

	@Test
	void describesTheFileAndSaysWhatToDo() {
		Path missing = this.directory.resolve("missing.pem");
		TlsFileException failure = new TlsFileException("RAILSIDE_TLS_CERTIFICATE", "The TLS certificate file "
				+ missing + " (RAILSIDE_TLS_CERTIFICATE) does not exist or cannot be read.");
		FailureAnalysis analysis = new TlsFileFailureAnalyzer().analyze(new IllegalStateException(failure));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains(missing.toString(), "RAILSIDE_TLS_CERTIFICATE")
			.doesNotContain("Exception", "\tat ");
		assertThat(analysis.getAction()).contains("RAILSIDE_TLS_CERTIFICATE", "RAILSIDE_TLS_PRIVATE_KEY")
			.doesNotContain("Exception", "\tat ");
	}

	@Test
	void startUpWithAMissingCertificateReportsTheFileWithoutAStackTrace(CapturedOutput output) {
		Path missing = this.directory.resolve("missing.pem");
		SpringApplication application = new SpringApplication(RailsideApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(TlsFileException.class).isThrownBy(() -> application
			.run("--railside.tls.certificate=" + missing, "--railside.tls.private-key=" + missing));
		assertThat(output).contains("APPLICATION FAILED TO START", missing.toString(), "RAILSIDE_TLS_CERTIFICATE")
			.doesNotContain("TlsFileException", "\tat ");
	}

}
