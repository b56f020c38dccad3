package io.railside.server;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the TLS certificate and key of the wss:// connector come from. When neither is
 * set, Railside generates a self-signed development certificate at start-up.
 *
 * @param certificate path of the PEM certificate (chain) file
 * @param privateKey path of the PEM private key file
 */
@ConfigurationProperties("railside.tls")
public record TlsProperties(@Nullable String certificate, @Nullable String privateKey) {

	boolean isConfigured() {
		return hasText(this.certificate) || hasText(this.privateKey);
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
