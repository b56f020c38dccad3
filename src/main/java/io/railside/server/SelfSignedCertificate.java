package io.railside.server;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development certificate for localhost and 127.0.0.1, made with BouncyCastle at
 * start-up so that wss:// works with no set-up. Never used when real PEM files are given.
 *
 * @param certificate the certificate file (PEM)
 * @param privateKey the private key file (PEM, PKCS#8), readable by its owner only
 * @param sha256Fingerprint the certificate's SHA-256 fingerprint, colon-separated hex
 */
record SelfSignedCertificate(Path certificate, Path privateKey, String sha256Fingerprint) {

	private static final Duration VALIDITY = Duration.ofDays(30);

	static SelfSignedCertificate generate() {
		try {
			KeyPair keyPair = keyPair();
			X509Certificate certificate = sign(keyPair);
			Path directory = Files.createTempDirectory("railside-tls-");
			directory.toFile().deleteOnExit();
			Path certificateFile = write(directory.resolve("certificate.pem"), certificate);
			Path keyFile = write(directory.resolve("private-key.pem"),
					new JcaPKCS8Generator(keyPair.getPrivate(), null));
			return new SelfSignedCertificate(certificateFile, keyFile, fingerprint(certificate));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the development certificate", ex);
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Could not generate the development certificate", ex);
		}
	}

	private static KeyPair keyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
		return generator.generateKeyPair();
	}

	private static X509Certificate sign(KeyPair keyPair)
			throws IOException, GeneralSecurityException, OperatorCreationException {
		X500Name subject = new X500Name("CN=localhost, O=Railside development certificate");
		Instant now = Instant.now();
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
				new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
				Date.from(now.plus(VALIDITY)), subject, keyPair.getPublic());
		builder.addExtension(Extension.subjectAlternativeName, false, localNames());
		builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
	}

	private static GeneralNames localNames() {
		return new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
				new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1") });
	}

	private static Path write(Path file, Object pemObject) throws IOException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(pemObject);
		}
		createOwnerOnly(file);
		Files.writeString(file, text.toString());
		file.toFile().deleteOnExit();
		return file;
	}

	private static void createOwnerOnly(Path file) throws IOException {
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system: the temporary directory is private to the user
			// there.
			Files.createFile(file);
		}
	}

	private static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
		return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
	}

}
