package io.railside;

import java.security.KeyStore;
import java.security.cert.Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.boot.ssl.SslBundles;

/**
 * Client {@link SSLContext}s for tests that trust exactly the given certificates, so
 * wss:// and https:// tests keep real certificate and host name checks instead of
 * switching them off.
 */
public final class TestTls {

	private TestTls() {
	}

	/**
	 * Trust the certificate Railside serves: the generated development one unless the
	 * test gave PEM files.
	 * @param bundles the application's SSL bundles
	 * @return a context trusting the server
	 */
	public static SSLContext trustingServer(SslBundles bundles) {
		try {
			KeyStore keyStore = bundles.getBundle("railside").getStores().getKeyStore();
			return trusting(keyStore.getCertificate(keyStore.aliases().nextElement()));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read the server certificate", ex);
		}
	}

	public static SSLContext trusting(Certificate... certificates) {
		try {
			KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
			trustStore.load(null, null);
			for (int i = 0; i < certificates.length; i++) {
				trustStore.setCertificateEntry("trusted-" + i, certificates[i]);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not build a trust store", ex);
		}
	}

}
