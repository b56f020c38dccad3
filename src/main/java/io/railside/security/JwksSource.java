package io.railside.security;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

/**
 * The remote key set, fetched so that no token can make Railside wait long or fetch
 * often: short timeouts, a cache refreshed in the background before it expires, and
 * fetches for a key the set lacks limited to two per interval. A CONNECT verifies its
 * token on the thread that handles it, and Spring's own JWKS source (30 s timeouts, no
 * rate limit) let a token with a random {@code kid} fetch the set on every CONNECT.
 */
final class JwksSource {

	private JwksSource() {
	}

	/**
	 * Build the key source.
	 * @param jwksUri the key set's URL
	 * @param settings how it is fetched
	 * @return the source
	 */
	static JWKSource<SecurityContext> of(String jwksUri, JwtProperties.Jwks settings) {
		int connectTimeout = Math.toIntExact(settings.connectTimeout().toMillis());
		int readTimeout = Math.toIntExact(settings.readTimeout().toMillis());
		if (settings.refetchInterval().compareTo(settings.cacheTimeToLive()) >= 0) {
			throw new JwtSettingException("railside.jwt.jwks.refetch-interval must be shorter than"
					+ " railside.jwt.jwks.cache-time-to-live.");
		}
		DefaultResourceRetriever retriever = new DefaultResourceRetriever(connectTimeout, readTimeout,
				JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT);
		long refreshAhead = Math.min(JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME,
				settings.cacheTimeToLive().toMillis() / 2);
		return JWKSourceBuilder.create(url(jwksUri), retriever)
			.retrying(false)
			// Threads waiting for another's fetch wait no longer than the fetch may take.
			.cache(settings.cacheTimeToLive().toMillis(), connectTimeout + readTimeout)
			.refreshAheadCache(refreshAhead, null, refresher(), true, null, false)
			.rateLimited(settings.refetchInterval().toMillis())
			.build();
	}

	private static URL url(String jwksUri) {
		try {
			return URI.create(jwksUri.strip()).toURL();
		}
		catch (IllegalArgumentException | MalformedURLException ex) {
			throw new JwtSettingException(
					"RAILSIDE_JWT_JWKS_URI is not a URL, such as https://id.example.com/.well-known/jwks.json.");
		}
	}

	/**
	 * The thread that refreshes the cached set before it expires: a daemon, so that it
	 * never keeps the JVM alive.
	 */
	private static ExecutorService refresher() {
		return Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "railside-jwks-refresh");
			thread.setDaemon(true);
			return thread;
		});
	}

}
