package io.railside.security;

import java.util.Arrays;

import io.railside.RailsideApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which verifier the JWT settings give: HS256 with a secret of at least 32 bytes, a JWKS,
 * or open mode with a warning; settings that cannot be used safely stop start-up with a
 * message that names the setting and never echoes the secret.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class JwtConfigurationTests {

	private static final String SHORT_SECRET = "only-31-bytes-long-secret-12345";

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(JwtSettings.class, JwtConfiguration.class);

	@Test
	void whenSecretIsShorterThan32BytesThenStartUpStopsWithoutShowingIt() {
		assertThat(SHORT_SECRET).hasSize(31);
		this.contexts.withPropertyValues("railside.jwt.secret=" + SHORT_SECRET).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(JwtSettingException.class)
				.hasMessage("RAILSIDE_JWT_SECRET is 31 bytes long; HS256 needs at least 32.")
				.hasMessageNotContaining(SHORT_SECRET);
		});
	}

	@Test
	void secretLengthIsCountedInBytes() {
		this.contexts.withPropertyValues("railside.jwt.secret=" + "é".repeat(16))
			.run((context) -> assertThat(context.getBean(TokenVerifier.class).isOpen()).isFalse());
		this.contexts.withPropertyValues("railside.jwt.secret=" + "é".repeat(15) + "x")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("31 bytes"));
	}

	@Test
	void whenSecretIs32BytesThenTokensAreVerified() {
		this.contexts.withPropertyValues("railside.jwt.secret=" + "s".repeat(32))
			.run((context) -> assertThat(context.getBean(TokenVerifier.class).isOpen()).isFalse());
	}

	@Test
	void whenJwksUriIsSetThenTokensAreVerifiedWithoutFetchingKeysAtStartUp() {
		this.contexts
			.withPropertyValues("railside.jwt.jwks-uri=http://127.0.0.1:9/jwks.json", "railside.jwt.audience=railside")
			.run((context) -> assertThat(context.getBean(TokenVerifier.class).isOpen()).isFalse());
	}

	@Test
	void whenJwksUriIsSetWithoutAudienceThenStartUpStopsNamingTheAudienceSetting() {
		for (String audience : new String[] { "railside.jwt.audience=", "railside.jwt.audience= " }) {
			this.contexts.withPropertyValues("railside.jwt.jwks-uri=http://127.0.0.1:9/jwks.json", audience)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(JwtSettingException.class)
					.hasMessageContaining("RAILSIDE_JWT_AUDIENCE is not"));
		}
	}

	@Test
	void whenJwksUriIsNoUrlThenStartUpStopsSayingSo() {
		this.contexts.withPropertyValues("railside.jwt.jwks-uri=/jwks.json", "railside.jwt.audience=railside")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(JwtSettingException.class)
				.hasMessageStartingWith("RAILSIDE_JWT_JWKS_URI is not a URL"));
	}

	@Test
	void whenTheRefetchIntervalIsNotShorterThanTheCacheLifetimeThenStartUpStops() {
		this.contexts
			.withPropertyValues("railside.jwt.jwks-uri=http://127.0.0.1:9/jwks.json", "railside.jwt.audience=railside",
					"railside.jwt.jwks.cache-time-to-live=30s", "railside.jwt.jwks.refetch-interval=30s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(JwtSettingException.class)
				.hasMessageContaining("refetch-interval"));
	}

	@Test
	void whenBothSecretAndJwksUriAreSetThenStartUpStops() {
		String secret = "s".repeat(40);
		this.contexts
			.withPropertyValues("railside.jwt.secret=" + secret, "railside.jwt.jwks-uri=http://127.0.0.1:9/jwks.json")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(JwtSettingException.class)
				.hasMessageContaining("set one")
				.hasMessageNotContaining(secret));
	}

	@Test
	void blankSettingsMeanOpenMode() {
		this.contexts.withPropertyValues("railside.jwt.secret=", "railside.jwt.jwks-uri= ")
			.run((context) -> assertThat(context.getBean(TokenVerifier.class).isOpen()).isTrue());
	}

	@Test
	void whenNeitherIsSetThenRailsideStartsOpenAndSaysSoInOneWarning(CapturedOutput output) {
		try (ConfigurableApplicationContext context = SpringApplication.run(RailsideApplication.class,
				"--railside.http.port=0", "--server.port=0")) {
			assertThat(context.getBean(TokenVerifier.class).isOpen()).isTrue();
			assertThat(Arrays.stream(output.getAll().split("\\R")).filter((line) -> line.contains("running OPEN")))
				.singleElement()
				.asString()
				.contains("WARN");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(JwtProperties.class)
	static class JwtSettings {

	}

}
