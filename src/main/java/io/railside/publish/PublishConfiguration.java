package io.railside.publish;

import io.railside.broker.BrokerProperties;
import io.railside.broker.BrokerStatus;
import io.railside.security.SharedToken;
import io.railside.stomp.StompProperties;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.web.servlet.handler.MappedInterceptor;

/**
 * The publish API's parts: the gate in front of {@link PublishController} and
 * {@link TopicPositionController}, the reader and parser of publish requests, the
 * publisher that hands messages to the broker, and the answers remembered by
 * {@code Idempotency-Key}. The gate is a {@link MappedInterceptor} bean rather than a
 * {@code WebMvcConfigurer}, which every {@code @WebMvcTest} slice would pick up along
 * with the beans it needs.
 */
@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

	private final PublishProperties properties;

	private final JsonMapper json = strictJsonMapper();

	PublishConfiguration(PublishProperties properties) {
		this.properties = properties;
	}

	@Bean
	MappedInterceptor publishGate() {
		SharedToken token = new SharedToken(this.properties.token());
		return new MappedInterceptor(new String[] { PublishController.PATH, TopicPositionController.PATH },
				new PublishGate(token, this.properties.maxRequestSize().toBytes()));
	}

	@Bean
	PublishRequestReader publishRequestReader() {
		return new PublishRequestReader(this.json, Math.toIntExact(this.properties.maxRequestSize().toBytes()));
	}

	@Bean
	DestinationRule publishDestinationRule(StompProperties stompProperties) {
		return new DestinationRule(stompProperties.maxDestinationLength());
	}

	@Bean
	PublishRequestParser publishRequestParser(DestinationRule publishDestinationRule) {
		return new PublishRequestParser(publishDestinationRule, new HeaderRules(), this.json,
				this.properties.maxBatchSize(), this.properties.maxBodySize().toBytes());
	}

	@Bean
	Publisher publisher(SimpMessagingTemplate brokerMessagingTemplate, SimpUserRegistry userRegistry,
			BrokerStatus brokerStatus, BrokerProperties brokerProperties) {
		return new Publisher(brokerMessagingTemplate, userRegistry, brokerStatus, brokerProperties.isStream());
	}

	@Bean
	IdempotencyKeys idempotencyKeys() {
		return new IdempotencyKeys(this.properties.idempotencyTtl(), this.properties.idempotencyKeys(),
				System::nanoTime);
	}

	/**
	 * A JSON mapper of the publish API's own (not a bean, so the application's is left
	 * alone): a key given twice is an error rather than a silent choice, and numbers keep
	 * all their digits.
	 * @return the mapper
	 */
	static JsonMapper strictJsonMapper() {
		return JsonMapper.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
			.build();
	}

}
