package io.railside.server;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.Collections;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;

/**
 * Whether a private key belongs to a certificate, by signing with the one and verifying
 * with the other: a certificate served with another key fails every handshake.
 */
final class KeyMatch {

	private KeyMatch() {
	}

	/**
	 * Whether every key of the bundle's key store belongs to its certificate.
	 * @param bundle the bundle
	 * @return {@code false} if a key does not belong to its certificate
	 * @throws GeneralSecurityException if a key cannot be read
	 */
	static boolean keysBelongToTheirCertificates(SslBundle bundle) throws GeneralSecurityException {
		KeyStore store = bundle.getStores().getKeyStore();
		if (store == null) {
			return true;
		}
		for (String alias : Collections.list(store.aliases())) {
			Key key = store.isKeyEntry(alias) ? store.getKey(alias, password(bundle)) : null;
			Certificate certificate = store.getCertificate(alias);
			if (key instanceof PrivateKey privateKey && certificate != null
					&& !belongsTo(privateKey, certificate.getPublicKey())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the private key is the counterpart of the public key. Keys of algorithms
	 * other than RSA, EC and EdDSA are taken as matching.
	 * @param privateKey the private key
	 * @param publicKey the public key, from the certificate
	 * @return whether they form a pair
	 * @throws GeneralSecurityException if signing fails
	 */
	static boolean belongsTo(PrivateKey privateKey, PublicKey publicKey) throws GeneralSecurityException {
		if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
			return false;
		}
		String algorithm = signatureAlgorithm(privateKey.getAlgorithm());
		if (algorithm == null) {
			return true;
		}
		byte[] data = new byte[32];
		new SecureRandom().nextBytes(data);
		Signature signature = Signature.getInstance(algorithm);
		signature.initSign(privateKey);
		signature.update(data);
		byte[] signed = signature.sign();
		signature.initVerify(publicKey);
		signature.update(data);
		return signature.verify(signed);
	}

	private static @Nullable String signatureAlgorithm(String keyAlgorithm) {
		return switch (keyAlgorithm) {
			case "RSA" -> "SHA256withRSA";
			case "EC" -> "SHA256withECDSA";
			case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
			default -> null;
		};
	}

	private static char @Nullable [] password(SslBundle bundle) {
		String password = (bundle.getKey().getPassword() != null) ? bundle.getKey().getPassword()
				: bundle.getStores().getKeyStorePassword();
		return (password != null) ? password.toCharArray() : null;
	}

}
