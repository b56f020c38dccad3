package io.railside.server;

/**
 * Refuses TLS renegotiation started by a client, which costs the server a full handshake
 * for each request of an attacker's: JSSE has no per-connector setting for it, only the
 * system property {@value #PROPERTY}, read once, when the first server handshake of the
 * JVM starts.
 */
public final class TlsRenegotiation {

	static final String PROPERTY = "jdk.tls.rejectClientInitiatedRenegotiation";

	private TlsRenegotiation() {
	}

	/**
	 * Refuse client-initiated renegotiation unless the user chose otherwise with
	 * {@code -Djdk.tls.rejectClientInitiatedRenegotiation}. Only effective before the
	 * JVM's first server-side TLS handshake (when JSSE reads the property), so
	 * {@code main} calls it first thing and {@link TlsEnvironmentPostProcessor} again for
	 * other launchers (tests, a WAR, a custom main).
	 */
	public static void refuseClientInitiated() {
		if (System.getProperty(PROPERTY) == null) {
			System.setProperty(PROPERTY, "true");
		}
	}

}
