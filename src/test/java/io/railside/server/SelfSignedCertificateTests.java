package io.railside.server;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.pem.PemContent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the development certificate made when no TLS files are given.
 */
class SelfSignedCertificateTests {

	private final SelfSignedCertificate generated = SelfSignedCertificate.generate();

	@Test
	void namesLocalhostAndTheLoopbackAddresses() throws Exception {
		assertThat(certificate().getSubjectAlternativeNames()).extracting((name) -> (Object) name.get(1))
			.contains("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
	}

	@Test
	void isForServersAndValidNow() throws Exception {
		X509Certificate certificate = certificate();
		certificate.checkValidity();
		assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
		assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=localhost");
	}

	@Test
	void keyFileIsReadableByItsOwnerOnly() throws Exception {
		assertThat(Files.getPosixFilePermissions(this.generated.privateKey()))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
	}

	@Test
	void keyIsAPkcs8PemKeyThatMatchesTheCertificate() throws Exception {
		assertThat(Files.readString(this.generated.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
		Signature signer = Signature.getInstance("SHA256withECDSA");
		signer.initSign(PemContent.load(this.generated.privateKey()).getPrivateKey());
		signer.update(new byte[] { 1, 2, 3 });
		byte[] signature = signer.sign();
		Signature verifier = Signature.getInstance("SHA256withECDSA");
		verifier.initVerify(certificate());
		verifier.update(new byte[] { 1, 2, 3 });
		assertThat(verifier.verify(signature)).isTrue();
	}

	@Test
	void fingerprintIsTheSha256OfTheCertificateAsColonSeparatedHex() throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded());
		assertThat(this.generated.sha256Fingerprint()).matches("\\p{XDigit}{2}(:\\p{XDigit}{2}){31}")
			.isEqualToIgnoringCase(HexFormat.ofDelimiter(":").formatHex(digest));
	}

	@Test
	void eachRunGetsItsOwnCertificate() throws Exception {
		SelfSignedCertificate other = SelfSignedCertificate.generate();
		assertThat(other.certificate()).isNotEqualTo(this.generated.certificate());
		assertThat(other.sha256Fingerprint()).isNotEqualTo(this.generated.sha256Fingerprint());
	}

	private X509Certificate certificate() throws Exception {
		try (InputStream in = Files.newInputStream(this.generated.certificate())) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

}
