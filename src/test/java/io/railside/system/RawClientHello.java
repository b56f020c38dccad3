package io.railside.system;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;

/**
 * A TLS ClientHello written byte by byte, for protocol versions the JDK's own client will
 * no longer offer (TLS 1.0 and 1.1 are disabled in its {@code java.security}), and the
 * first record the server answers with.
 */
final class RawClientHello {

	static final int TLS_1_0 = 0x0301;

	static final int TLS_1_1 = 0x0302;

	static final int TLS_1_2 = 0x0303;

	/** An alert's description: the server supports none of the offered versions. */
	static final int PROTOCOL_VERSION_ALERT = 70;

	/**
	 * Suites usable with TLS 1.0 to 1.2 and with an RSA or an EC key: ECDHE and RSA key
	 * exchange, CBC and GCM.
	 */
	private static final int[] SUITES = { 0xC02B, 0xC02F, 0xC009, 0xC013, 0x002F, 0x009C };

	private RawClientHello() {
	}

	/**
	 * Offer one protocol version and read the server's first record.
	 * @param port the TLS port on 127.0.0.1
	 * @param version the one version offered
	 * @return the server's answer
	 * @throws IOException if the connection fails otherwise
	 */
	static ServerAnswer offer(int port, int version) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(record(handshake(version)));
			return read(new DataInputStream(socket.getInputStream()));
		}
	}

	private static byte[] record(byte[] handshake) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(0x16);
		writeShort(out, TLS_1_0);
		writeShort(out, handshake.length);
		out.writeBytes(handshake);
		return out.toByteArray();
	}

	private static byte[] handshake(int version) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		writeShort(body, version);
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		body.writeBytes(random);
		body.write(0); // no session to resume
		writeShort(body, SUITES.length * 2);
		for (int suite : SUITES) {
			writeShort(body, suite);
		}
		body.write(1); // compression methods: null only
		body.write(0);
		byte[] extensions = extensions();
		writeShort(body, extensions.length);
		body.writeBytes(extensions);
		ByteArrayOutputStream handshake = new ByteArrayOutputStream();
		handshake.write(1); // ClientHello
		handshake.write(0);
		writeShort(handshake, body.size());
		handshake.writeBytes(body.toByteArray());
		return handshake.toByteArray();
	}

	private static byte[] extensions() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		// supported_groups: x25519, secp256r1, secp384r1
		extension(out, 0x000A, new int[] { 6, 0x001D, 0x0017, 0x0018 });
		// ec_point_formats: uncompressed
		writeShort(out, 0x000B);
		writeShort(out, 2);
		out.write(1);
		out.write(0);
		// signature_algorithms: ECDSA P-256, RSA-PSS and PKCS#1 with SHA-256 (TLS 1.2
		// only)
		extension(out, 0x000D, new int[] { 6, 0x0403, 0x0804, 0x0401 });
		// renegotiation_info, empty: this is no renegotiation
		writeShort(out, 0xFF01);
		writeShort(out, 1);
		out.write(0);
		return out.toByteArray();
	}

	private static void extension(ByteArrayOutputStream out, int type, int[] shorts) {
		writeShort(out, type);
		writeShort(out, shorts.length * 2);
		for (int value : shorts) {
			writeShort(out, value);
		}
	}

	private static ServerAnswer read(DataInputStream in) throws IOException {
		try {
			int type = in.readUnsignedByte();
			in.readUnsignedShort();
			byte[] body = new byte[in.readUnsignedShort()];
			in.readFully(body);
			if (type == 0x15) {
				return new ServerAnswer(-1, body[1] & 0xFF);
			}
			// A ServerHello: type, length (3 bytes), then the chosen version
			return new ServerAnswer(((body[4] & 0xFF) << 8) | (body[5] & 0xFF), -1);
		}
		catch (EOFException ex) {
			return new ServerAnswer(-1, -1);
		}
	}

	private static void writeShort(ByteArrayOutputStream out, int value) {
		out.write(value >> 8);
		out.write(value);
	}

	/**
	 * What the server's first record said.
	 *
	 * @param version the version its ServerHello chose, or -1
	 * @param alert the description of its alert, or -1
	 */
	record ServerAnswer(int version, int alert) {

	}

}
