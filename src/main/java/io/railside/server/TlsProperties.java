package io.railside.server;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the TLS certificate and key of the wss:// connector come from, and whether
 * browsers are told to use TLS only. When neither file is set, Railside generates a
 * self-signed development certificate at start-up.
 *
 * @param certificate path of the PEM certificate (chain) file
 * @param privateKey path of the PEM private key file
 * @param hsts the {@code max-age} of a {@code Strict-Transport-Security} header on
 * responses to HTTPS requests; unset or zero sends none. Browsers apply it to every port
 * of the host name, so it turns their {@code ws://host:8080} into
 * {@code wss://host:8080}: set it only where no client uses plain HTTP or ws:// on that
 * name.
 */
@ConfigurationProperties("railside.tls")
public record TlsProperties(@Nullable String certificate, @Nullable String privateKey, @Nullable Duration hsts) {

	boolean isConfigured() {
		return hasText(this.certificate) || hasText(this.privateKey);
	}

	/**
	 * The {@code max-age} of {@code Strict-Transport-Security}.
	 * @return {@link #hsts()}, or zero (no header) when unset or negative
	 */
	public Duration hstsMaxAge() {
		return (this.hsts != null && !this.hsts.isNegative()) ? this.hsts : Duration.ZERO;
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
