package io.railside.server;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate for localhost made by the test, independently of
 * {@link SelfSignedCertificate}, to stand for the PEM files a user gives Railside.
 *
 * @param certificate the certificate
 * @param privateKey its private key
 */
public record LocalhostCertificate(X509Certificate certificate, PrivateKey privateKey) {

	public static LocalhostCertificate generate(String commonName) throws GeneralSecurityException, IOException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generate(commonName, generator.generateKeyPair(), "SHA256withECDSA");
	}

	/**
	 * A certificate with an RSA key, as many certificate authorities still issue: TLS 1.2
	 * then has RSA key exchange suites to offer, which a server must refuse.
	 * @param commonName the certificate's common name
	 * @return the certificate and its key
	 * @throws GeneralSecurityException if the key or certificate cannot be made
	 * @throws IOException if the certificate cannot be encoded
	 */
	public static LocalhostCertificate generateRsa(String commonName) throws GeneralSecurityException, IOException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generate(commonName, generator.generateKeyPair(), "SHA256withRSA");
	}

	private static LocalhostCertificate generate(String commonName, KeyPair keyPair, String signatureAlgorithm)
			throws GeneralSecurityException, IOException {
		X500Name subject = new X500Name("CN=" + commonName);
		Instant now = Instant.now();
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
				new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
				Date.from(now.plus(Duration.ofDays(1))), subject, keyPair.getPublic());
		builder.addExtension(Extension.subjectAlternativeName, false,
				new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
		try {
			return new LocalhostCertificate(
					new JcaX509CertificateConverter().getCertificate(
							builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(keyPair.getPrivate()))),
					keyPair.getPrivate());
		}
		catch (OperatorCreationException ex) {
			throw new GeneralSecurityException(ex);
		}
	}

	/**
	 * Write the key, then the certificate, over any files already there, as a renewal
	 * would.
	 * @param certificateFile the certificate file
	 * @param privateKeyFile the private key file
	 * @throws IOException if a file cannot be written
	 */
	public void writeTo(Path certificateFile, Path privateKeyFile) throws IOException {
		writePrivateKeyTo(privateKeyFile);
		writeCertificateTo(certificateFile);
	}

	public void writeCertificateTo(Path certificateFile) throws IOException {
		write(certificateFile, this.certificate);
	}

	public void writePrivateKeyTo(Path privateKeyFile) throws IOException {
		write(privateKeyFile, new JcaPKCS8Generator(this.privateKey, null));
	}

	private static void write(Path file, Object pemObject) throws IOException {
		try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(pemObject);
		}
	}

}
