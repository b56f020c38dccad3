package io.railside.publish;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.railside.broker.BrokerProperties;
import io.railside.security.MetricsProperties;
import io.railside.server.TlsProperties;
import io.railside.stomp.StompProperties;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * A {@code @WebMvcTest} slice of the publish API over the application's own HTTP
 * security, with the publish token {@value #TOKEN} and small limits; the test mocks the
 * broker's side ({@code SimpMessagingTemplate}, {@code SimpUserRegistry},
 * {@code BrokerStatus}, {@code History}). One annotation, so that every slice of the API
 * shares one set of settings (and one cached context when they mock the same beans).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(controllers = { PublishController.class, TopicPositionController.class },
		properties = { "railside.publish.token=" + PublishApiTest.TOKEN, "railside.publish.max-request-size=32KB",
				"railside.publish.max-body-size=1KB", "railside.publish.max-batch-size=3" },
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "io\\.railside\\.security\\.HttpSecurityConfiguration"))
@ImportAutoConfiguration({ SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
		SecurityFilterAutoConfiguration.class })
@EnableConfigurationProperties({ PublishProperties.class, StompProperties.class, MetricsProperties.class,
		BrokerProperties.class, TlsProperties.class })
@Import(PublishConfiguration.class)
@interface PublishApiTest {

	String TOKEN = "s3cret-publish-token";

}
