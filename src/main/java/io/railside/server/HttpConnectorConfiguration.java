package io.railside.server;

import org.apache.catalina.connector.Connector;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds the plain HTTP connector beside Boot's TLS connector, so every endpoint answers on
 * both ws:// and wss://, with the same {@code server.tomcat.*} settings.
 */
@Configuration(proxyBeanMethods = false)
class HttpConnectorConfiguration {

	private final HttpConnectorProperties properties;

	HttpConnectorConfiguration(HttpConnectorProperties properties) {
		this.properties = properties;
	}

	@Bean
	static ConnectionBuffers connectionBuffers() {
		return new ConnectionBuffers();
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> httpConnectorCustomizer() {
		return new PlainConnectorCustomizer(this::httpConnector);
	}

	@Bean
	ConnectorPorts connectorPorts() {
		return new ConnectorPorts();
	}

	private Connector httpConnector() {
		Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
		connector.setScheme("http");
		connector.setPort(this.properties.port());
		return connector;
	}

}
