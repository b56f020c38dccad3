package io.railside.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PropertiesSslBundle;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Takes a reloaded bundle only when its key belongs to its certificate, as Boot's file
 * watcher hands it over: files read lazily, after the change.
 */
@ExtendWith(OutputCaptureExtension.class)
class MatchingKeySslBundleRegistryTests {

	@TempDir
	Path directory;

	private final SslProperties properties = new SslProperties();

	private final List<SslBundle> updates = new ArrayList<>();

	private MatchingKeySslBundleRegistry registry;

	private LocalhostCertificate given;

	@BeforeEach
	void registerBundle() throws Exception {
		PemSslBundleProperties pem = new PemSslBundleProperties();
		pem.getKeystore().setCertificate(certificateFile().toUri().toString());
		pem.getKeystore().setPrivateKey(privateKeyFile().toUri().toString());
		this.properties.getBundle().getPem().put("railside", pem);
		this.given = LocalhostCertificate.generate("given");
		this.given.writeTo(certificateFile(), privateKeyFile());
		this.registry = new MatchingKeySslBundleRegistry(this.properties);
		this.registry.registerBundle("railside", reread());
		this.registry.addBundleUpdateHandler("railside", this.updates::add);
	}

	@Test
	void takesANewCertificateWithItsOwnKey(CapturedOutput output) throws Exception {
		LocalhostCertificate.generate("renewed").writeTo(certificateFile(), privateKeyFile());
		SslBundle renewed = reread();
		this.registry.updateBundle("railside", renewed);
		assertThat(this.registry.getBundle("railside")).isSameAs(renewed);
		assertThat(this.updates).containsExactly(renewed);
		assertThat(output.getOut()).contains("SSL bundle 'railside' reloaded from certificate "
				+ certificateFile().toUri() + " and private key " + privateKeyFile().toUri() + ".");
	}

	@Test
	void keepsThePreviousPairWhenTheNewCertificateCameWithoutItsKey(CapturedOutput output) throws Exception {
		SslBundle previous = this.registry.getBundle("railside");
		LocalhostCertificate.generate("renewed").writeCertificateTo(certificateFile());
		this.registry.updateBundle("railside", reread());
		assertThat(this.registry.getBundle("railside")).isSameAs(previous);
		assertThat(this.updates).isEmpty();
		assertThat(output.getOut()).containsOnlyOnce("WARN")
			.contains("SSL bundle 'railside' not reloaded from certificate " + certificateFile().toUri()
					+ " and private key " + privateKeyFile().toUri()
					+ ": the private key does not belong to the certificate;"
					+ " the previous certificate and key stay in use.");
	}

	@Test
	void keepsThePreviousPairWhenAFileIsCaughtHalfWritten(CapturedOutput output) throws Exception {
		SslBundle previous = this.registry.getBundle("railside");
		String certificate = Files.readString(certificateFile());
		Files.writeString(certificateFile(), certificate.substring(0, certificate.length() / 2));
		this.registry.updateBundle("railside", reread());
		assertThat(this.registry.getBundle("railside")).isSameAs(previous);
		assertThat(this.updates).isEmpty();
		assertThat(output.getOut()).contains("SSL bundle 'railside' not reloaded from certificate")
			.contains("the files do not hold a readable certificate and key (")
			.doesNotContain(certificate.lines().skip(2).findFirst().orElseThrow());
	}

	/**
	 * A bundle as Boot's watcher makes one for each change.
	 */
	private SslBundle reread() {
		return PropertiesSslBundle.get(this.properties.getBundle().getPem().get("railside"));
	}

	private Path certificateFile() {
		return this.directory.resolve("certificate.pem");
	}

	private Path privateKeyFile() {
		return this.directory.resolve("private-key.pem");
	}

}
