package io.railside.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tells a certificate's own key from any other.
 */
class KeyMatchTests {

	@Test
	void anEcOrRsaKeyBelongsToItsOwnCertificate() throws Exception {
		for (LocalhostCertificate pair : new LocalhostCertificate[] { LocalhostCertificate.generate("ec"),
				LocalhostCertificate.generateRsa("rsa") }) {
			assertThat(KeyMatch.belongsTo(pair.privateKey(), pair.certificate().getPublicKey())).isTrue();
		}
	}

	@Test
	void aKeyOfTheSameAlgorithmFromAnotherPairDoesNot() throws Exception {
		assertThat(KeyMatch.belongsTo(LocalhostCertificate.generate("old").privateKey(),
				LocalhostCertificate.generate("new").certificate().getPublicKey()))
			.isFalse();
		assertThat(KeyMatch.belongsTo(LocalhostCertificate.generateRsa("old").privateKey(),
				LocalhostCertificate.generateRsa("new").certificate().getPublicKey()))
			.isFalse();
	}

	@Test
	void aKeyOfAnotherAlgorithmDoesNot() throws Exception {
		assertThat(KeyMatch.belongsTo(LocalhostCertificate.generateRsa("rsa").privateKey(),
				LocalhostCertificate.generate("ec").certificate().getPublicKey()))
			.isFalse();
	}

}
