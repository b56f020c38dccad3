package io.railside.cable;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies stream names signed as turbo-rails and AnyCable sign them, with
 * {@code ActiveSupport::MessageVerifier} (SHA-256, JSON serializer): the Base64 of the
 * name as JSON, {@code --}, and the hex HMAC-SHA256 of that Base64 text under the shared
 * secret. A name that verifies is its own permission, as in Rails.
 */
public final class SignedStreamNames {

	private static final String ALGORITHM = "HmacSHA256";

	private static final String SEPARATOR = "--";

	private final @Nullable SecretKeySpec key;

	private final JsonMapper json;

	/**
	 * Create a verifier.
	 * @param secret the secret shared with the Rails app, or {@code null} to verify none
	 * @param json the JSON mapper
	 */
	public SignedStreamNames(@Nullable String secret, JsonMapper json) {
		this.key = (secret != null && !secret.isBlank())
				? new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM) : null;
		this.json = json;
	}

	/**
	 * The stream a signed name names.
	 * @param signed the signed name
	 * @return the stream name, or {@code null} when the signature does not verify (or no
	 * secret is set)
	 */
	public @Nullable String verify(String signed) {
		int separator = signed.lastIndexOf(SEPARATOR);
		if (this.key == null || separator <= 0) {
			return null;
		}
		String data = signed.substring(0, separator);
		byte[] digest;
		try {
			digest = HexFormat.of().parseHex(signed, separator + SEPARATOR.length(), signed.length());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (!MessageDigest.isEqual(hmac(this.key, data), digest)) {
			return null;
		}
		return name(data);
	}

	private @Nullable String name(String data) {
		try {
			JsonNode name = this.json.readTree(Base64.getDecoder().decode(data));
			return name.isString() ? name.asString() : null;
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return null;
		}
	}

	/**
	 * The hex HMAC-SHA256 of a text under a key, as Ruby's
	 * {@code OpenSSL::HMAC.hexdigest("SHA256", key, text)}.
	 * @param key the key
	 * @param text the text
	 * @return the lower-case hex digest
	 */
	static String hexHmac(String key, String text) {
		return HexFormat.of().formatHex(hmac(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM), text));
	}

	private static byte[] hmac(SecretKeySpec key, String text) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("Every Java platform has " + ALGORITHM, ex);
		}
	}

}
