package io.railside.limits;

import java.util.List;

import io.railside.stomp.FrameRule;
import io.railside.stomp.StompProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The limit rules as Railside's configuration builds them from its default settings, for
 * tests outside this package, such as the STOMP frame fuzz.
 */
public final class LimitRules {

	private LimitRules() {
	}

	/**
	 * The header, rate (frames and bytes) and subscription limits with the default
	 * settings.
	 * @return the rules, in no particular order
	 */
	public static List<FrameRule> withDefaults() {
		LimitsConfiguration configuration = new LimitsConfiguration(defaults());
		return List.of(configuration.frameHeaderLimit(), configuration.frameRateLimit(),
				configuration.byteRateLimit(stomp()), configuration.subscriptionLimit());
	}

	static StompProperties stomp() {
		return new Binder(new MapConfigurationPropertySource()).bindOrCreate("railside.stomp", StompProperties.class);
	}

	static LimitProperties defaults() {
		return new Binder(new MapConfigurationPropertySource()).bindOrCreate("railside.limits", LimitProperties.class);
	}

}
