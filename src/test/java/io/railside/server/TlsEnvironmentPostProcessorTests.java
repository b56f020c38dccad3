package io.railside.server;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Checks the TLS files before the server starts, and where Boot's {@code railside} bundle
 * is pointed.
 */
class TlsEnvironmentPostProcessorTests {

	private static final String BUNDLE = "spring.ssl.bundle.pem.railside.keystore.";

	@TempDir
	Path directory;

	private final TlsEnvironmentPostProcessor postProcessor = new TlsEnvironmentPostProcessor(new DeferredLogs());

	private final MockEnvironment environment = new MockEnvironment();

	private Path certificate;

	private Path privateKey;

	@BeforeEach
	void writeValidFiles() throws Exception {
		this.certificate = this.directory.resolve("certificate.pem");
		this.privateKey = this.directory.resolve("private-key.pem");
		LocalhostCertificate.generate("railside test").writeTo(this.certificate, this.privateKey);
	}

	@Test
	void pointsTheBundleAtTheGivenFiles() {
		useFiles(this.certificate.toString(), this.privateKey.toString());
		postProcess();
		assertThat(this.environment.getProperty(BUNDLE + "certificate")).isEqualTo(this.certificate.toUri().toString());
		assertThat(this.environment.getProperty(BUNDLE + "private-key")).isEqualTo(this.privateKey.toUri().toString());
	}

	@Test
	void acceptsFileUrls() {
		useFiles("file:" + this.certificate, "file:" + this.privateKey);
		postProcess();
		assertThat(this.environment.getProperty(BUNDLE + "certificate")).isEqualTo(this.certificate.toUri().toString());
	}

	@Test
	void whenTheCertificateFileIsMissingThenStartUpStopsNamingTheFileAndTheVariable() {
		Path missing = this.directory.resolve("missing.pem");
		useFiles(missing.toString(), this.privateKey.toString());
		assertThatExceptionOfType(TlsFileException.class).isThrownBy(this::postProcess)
			.withMessageContaining(missing.toString())
			.withMessageContaining("RAILSIDE_TLS_CERTIFICATE")
			.withMessageContaining("does not exist or cannot be read")
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("RAILSIDE_TLS_CERTIFICATE"));
	}

	@Test
	void whenThePrivateKeyFileIsMissingThenStartUpStopsNamingTheFileAndTheVariable() {
		Path missing = this.directory.resolve("missing-key.pem");
		useFiles(this.certificate.toString(), missing.toString());
		assertThatExceptionOfType(TlsFileException.class).isThrownBy(this::postProcess)
			.withMessageContaining(missing.toString())
			.withMessageContaining("RAILSIDE_TLS_PRIVATE_KEY")
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("RAILSIDE_TLS_PRIVATE_KEY"));
	}

	@Test
	void whenTheFileIsADirectoryThenStartUpStops() {
		useFiles(this.directory.toString(), this.privateKey.toString());
		assertThatExceptionOfType(TlsFileException.class).isThrownBy(this::postProcess)
			.withMessageContaining(this.directory.toString())
			.withMessageContaining("does not exist or cannot be read");
	}

	@Test
	void whenOnlyTheCertificateIsSetThenStartUpAsksForTheKey() {
		useFiles(this.certificate.toString(), "");
		assertThatExceptionOfType(TlsFileException.class).isThrownBy(this::postProcess)
			.withMessage("RAILSIDE_TLS_PRIVATE_KEY is not set: the TLS private key is needed too when the other TLS "
					+ "file is given.");
	}

	@Test
	void whenOnlyThePrivateKeyIsSetThenStartUpAsksForTheCertificate() {
		this.environment.setProperty("railside.tls.private-key", this.privateKey.toString());
		assertThatExceptionOfType(TlsFileException.class).isThrownBy(this::postProcess)
			.withMessageStartingWith("RAILSIDE_TLS_CERTIFICATE is not set");
	}

	@Test
	void whenTheCertificateFileIsNotPemThenStartUpStops() throws Exception {
		Files.writeString(this.certificate, "not a certificate\n");
		useFiles(this.certificate.toString(), this.privateKey.toString());
		assertThatExceptionOfType(TlsFileException.class).isThrownBy(this::postProcess)
			.withMessage("The TLS certificate file " + this.certificate
					+ " (RAILSIDE_TLS_CERTIFICATE) holds no PEM certificate.");
	}

	@Test
	void whenThePrivateKeyFileHoldsACertificateThenStartUpStops() {
		useFiles(this.certificate.toString(), this.certificate.toString());
		assertThatExceptionOfType(TlsFileException.class).isThrownBy(this::postProcess)
			.withMessage("The TLS private key file " + this.certificate
					+ " (RAILSIDE_TLS_PRIVATE_KEY) holds no PEM private key.");
	}

	@Test
	void whenTheCertificateFileHoldsOnlyAKeyThenStartUpStops() {
		useFiles(this.privateKey.toString(), this.privateKey.toString());
		assertThatExceptionOfType(TlsFileException.class).isThrownBy(this::postProcess)
			.withMessageContaining("holds no PEM certificate")
			.withMessageContaining("RAILSIDE_TLS_CERTIFICATE");
	}

	@Test
	void whenThePrivateKeyDoesNotBelongToTheCertificateThenStartUpStopsNamingBothFiles() throws Exception {
		LocalhostCertificate.generate("another").writePrivateKeyTo(this.privateKey);
		useFiles(this.certificate.toString(), this.privateKey.toString());
		assertThatExceptionOfType(TlsFileException.class).isThrownBy(this::postProcess)
			.withMessage("The TLS private key in " + this.privateKey
					+ " (RAILSIDE_TLS_PRIVATE_KEY) does not belong to the certificate in " + this.certificate + ".");
	}

	@Test
	void acceptsAnRsaCertificateWithItsKey() throws Exception {
		LocalhostCertificate.generateRsa("railside rsa").writeTo(this.certificate, this.privateKey);
		useFiles(this.certificate.toString(), this.privateKey.toString());
		postProcess();
		assertThat(this.environment.getProperty(BUNDLE + "certificate")).isEqualTo(this.certificate.toUri().toString());
	}

	@Test
	void whenNeitherIsSetThenTheBundlePointsAtReadableGeneratedFiles() throws Exception {
		postProcess();
		assertGeneratedBundle();
	}

	@Test
	void whenBothAreBlankThenTheBundlePointsAtReadableGeneratedFiles() throws Exception {
		useFiles("", " ");
		postProcess();
		assertGeneratedBundle();
	}

	private void assertGeneratedBundle() throws Exception {
		Path certificate = bundleFile("certificate");
		Path privateKey = bundleFile("private-key");
		assertThat(certificate).isReadable().isNotEqualTo(this.certificate);
		assertThat(privateKey).isReadable();
		assertThat(PemContent.load(certificate).getCertificates()).hasSize(1);
		assertThat(PemContent.load(privateKey).getPrivateKey()).isNotNull();
	}

	private Path bundleFile(String name) throws Exception {
		String location = this.environment.getProperty(BUNDLE + name);
		assertThat(location).isNotNull();
		Resource resource = new DefaultResourceLoader().getResource(location);
		assertThat(resource.isFile()).isTrue();
		return resource.getFile().toPath();
	}

	private void useFiles(String certificate, String privateKey) {
		this.environment.setProperty("railside.tls.certificate", certificate);
		this.environment.setProperty("railside.tls.private-key", privateKey);
	}

	private void postProcess() {
		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());
	}

}
