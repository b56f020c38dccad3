package io.railside.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points Boot's SSL bundle {@code railside} at the user's PEM files, checked before the
 * server starts, or at a development certificate generated for this run. Boot's bundle
 * then serves the TLS connector and reloads it when the files change.
 */
class TlsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	private static final String KEYSTORE = "spring.ssl.bundle.pem.railside.keystore.";

	private final Log logger;

	TlsEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(TlsEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		// For launchers other than RailsideApplication.main; still before the connector's
		// first handshake, when JSSE reads the setting.
		TlsRenegotiation.refuseClientInitiated();
		TlsProperties tls = Binder.get(environment)
			.bind("railside.tls", TlsProperties.class)
			.orElseGet(() -> new TlsProperties(null, null, null));
		if (!tls.isConfigured() && environment.containsProperty(KEYSTORE + "certificate")) {
			return; // configured with Boot's own keys
		}
		Map<String, Object> bundle = tls.isConfigured() ? configured(tls) : generated();
		environment.getPropertySources().addFirst(new MapPropertySource("railside.tls", bundle));
	}

	private Map<String, Object> configured(TlsProperties tls) {
		Path certificate = readable(tls.certificate(), "RAILSIDE_TLS_CERTIFICATE", "certificate");
		Path privateKey = readable(tls.privateKey(), "RAILSIDE_TLS_PRIVATE_KEY", "private key");
		requirePem(certificate, "RAILSIDE_TLS_CERTIFICATE", "certificate", (pem) -> !pem.getCertificates().isEmpty());
		requirePem(privateKey, "RAILSIDE_TLS_PRIVATE_KEY", "private key", (pem) -> pem.getPrivateKey() != null);
		requireMatch(certificate, privateKey);
		this.logger.info("TLS certificate from " + certificate + ", reloaded when the file changes");
		return bundle(certificate, privateKey);
	}

	private Map<String, Object> generated() {
		SelfSignedCertificate certificate = SelfSignedCertificate.generate();
		this.logger.warn("No RAILSIDE_TLS_CERTIFICATE set: serving wss:// with a self-signed development certificate"
				+ " for localhost and 127.0.0.1, SHA-256 fingerprint " + certificate.sha256Fingerprint());
		return bundle(certificate.certificate(), certificate.privateKey());
	}

	private static Map<String, Object> bundle(Path certificate, Path privateKey) {
		return Map.of(KEYSTORE + "certificate", certificate.toUri().toString(), KEYSTORE + "private-key",
				privateKey.toUri().toString());
	}

	private static Path readable(@Nullable String location, String setting, String what) {
		if (location == null || location.isBlank()) {
			throw new TlsFileException(setting,
					setting + " is not set: the TLS " + what + " is needed too when the other TLS file is given.");
		}
		Path path = Path.of(location.startsWith("file:") ? location.substring(5) : location).toAbsolutePath();
		if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
			throw new TlsFileException(setting,
					"The TLS " + what + " file " + path + " (" + setting + ") does not exist or cannot be read.");
		}
		return path;
	}

	private static void requireMatch(Path certificate, Path privateKey) {
		boolean matches;
		try {
			X509Certificate first = PemContent.load(certificate).getCertificates().get(0);
			matches = KeyMatch.belongsTo(PemContent.load(privateKey).getPrivateKey(), first.getPublicKey());
		}
		catch (IOException | GeneralSecurityException ex) {
			matches = false;
		}
		if (!matches) {
			throw new TlsFileException("RAILSIDE_TLS_PRIVATE_KEY", "The TLS private key in " + privateKey
					+ " (RAILSIDE_TLS_PRIVATE_KEY) does not belong to the certificate in " + certificate + ".");
		}
	}

	private static void requirePem(Path path, String setting, String what, Predicate<PemContent> check) {
		boolean valid;
		try {
			valid = check.test(PemContent.load(path));
		}
		catch (IOException | RuntimeException ex) {
			valid = false;
		}
		if (!valid) {
			throw new TlsFileException(setting,
					"The TLS " + what + " file " + path + " (" + setting + ") holds no PEM " + what + ".");
		}
	}

}
