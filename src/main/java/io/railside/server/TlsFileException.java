package io.railside.server;

/**
 * Stops start-up when the TLS certificate or key that the user named cannot be used, and
 * says which file and which setting.
 */
class TlsFileException extends RuntimeException {

	private final String setting;

	TlsFileException(String setting, String message) {
		super(message);
		this.setting = setting;
	}

	String getSetting() {
		return this.setting;
	}

}
