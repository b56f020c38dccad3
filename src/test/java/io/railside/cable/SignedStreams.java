package io.railside.cable;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * Signs stream names as turbo-rails does ({@code ActiveSupport::MessageVerifier} with
 * SHA256 and the JSON serializer): Base64 of the name as JSON, {@code --}, and the hex
 * HMAC-SHA256 of that Base64 text; so that tests can subscribe as a page rendered by
 * {@code turbo_stream_from} would.
 */
public final class SignedStreams {

	private SignedStreams() {
	}

	/**
	 * Sign a stream name with the secret of the cable test contexts,
	 * {@link CableBroadcasts#SECRET}.
	 * @param stream the stream name, as Rails names it
	 * ({@code gid://app/Room/1:messages})
	 * @return the signed name, as {@code signed-stream-name} carries it
	 */
	public static String sign(String stream) {
		return sign(CableBroadcasts.SECRET, stream);
	}

	/**
	 * Sign a stream name.
	 * @param secret the verifier key
	 * @param stream the stream name
	 * @return the signed name
	 */
	public static String sign(String secret, String stream) {
		String data = Base64.getEncoder()
			.encodeToString(JsonMapper.shared().writeValueAsString(stream).getBytes(StandardCharsets.UTF_8));
		return data + "--" + hmacSha256(secret, data);
	}

	private static String hmacSha256(String key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
