package io.railside.server;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Replaces Boot's SSL bundle registry (its auto-configuration steps back when one is
 * defined) with one that takes a reloaded certificate only together with its own key.
 */
@Configuration(proxyBeanMethods = false)
class SslBundleConfiguration {

	@Bean
	MatchingKeySslBundleRegistry sslBundleRegistry(SslProperties properties,
			ObjectProvider<SslBundleRegistrar> registrars) {
		MatchingKeySslBundleRegistry registry = new MatchingKeySslBundleRegistry(properties);
		// As Boot's SslAutoConfiguration fills its own registry.
		registrars.orderedStream().forEach((registrar) -> registrar.registerBundles(registry));
		return registry;
	}

}
