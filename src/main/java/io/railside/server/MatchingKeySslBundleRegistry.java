package io.railside.server;

import java.security.GeneralSecurityException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.ssl.JksSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;

/**
 * Boot's SSL bundle registry, except that a reloaded bundle is taken only when its
 * private key belongs to its certificate. Deployers write the certificate and the key
 * files one after the other, and Boot reloads on any change: a new certificate with the
 * old key would fail every handshake until the second file arrives, or for good if it
 * never does. Until the files match, the previous pair keeps serving.
 */
class MatchingKeySslBundleRegistry extends DefaultSslBundleRegistry {

	private static final Log logger = LogFactory.getLog(MatchingKeySslBundleRegistry.class);

	private final SslProperties.Bundles properties;

	MatchingKeySslBundleRegistry(SslProperties properties) {
		this.properties = properties.getBundle();
	}

	@Override
	public void updateBundle(String name, SslBundle updatedBundle) {
		String refusal = refusal(updatedBundle);
		if (refusal != null) {
			logger.warn("SSL bundle '" + name + "' not reloaded from " + files(name) + ": " + refusal
					+ "; the previous certificate and key stay in use.");
			return;
		}
		super.updateBundle(name, updatedBundle);
		logger.info("SSL bundle '" + name + "' reloaded from " + files(name) + ".");
	}

	private static @Nullable String refusal(SslBundle bundle) {
		try {
			return KeyMatch.keysBelongToTheirCertificates(bundle) ? null
					: "the private key does not belong to the certificate";
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			// Boot reads the files only now, lazily: a file caught half-written fails
			// here. Only the exception's type is logged, as a parser's message might
			// quote the file.
			return "the files do not hold a readable certificate and key (" + ex.getClass().getSimpleName() + ")";
		}
	}

	private String files(String name) {
		PemSslBundleProperties pem = this.properties.getPem().get(name);
		if (pem != null) {
			return "certificate " + pem.getKeystore().getCertificate() + " and private key "
					+ pem.getKeystore().getPrivateKey();
		}
		JksSslBundleProperties jks = this.properties.getJks().get(name);
		return (jks != null) ? "key store " + jks.getKeystore().getLocation() : "bundle '" + name + "'";
	}

}
