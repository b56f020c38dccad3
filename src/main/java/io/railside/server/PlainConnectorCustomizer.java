package io.railside.server;

import java.util.function.Supplier;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.ProtocolHandler;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Adds the plain connector after every other customizer has run, and gives it the
 * customizers Boot gives only to its own connector
 * ({@code server.tomcat.max-connections}, {@code accept-count}, {@code threads.*},
 * timeouts, socket buffers), so both ports behave alike under load.
 */
class PlainConnectorCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final Supplier<Connector> connector;

	PlainConnectorCustomizer(Supplier<Connector> connector) {
		this.connector = connector;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		Connector plain = this.connector.get();
		for (TomcatConnectorCustomizer customizer : factory.getConnectorCustomizers()) {
			customizer.customize(plain);
		}
		ProtocolHandler handler = plain.getProtocolHandler();
		LambdaSafe.callbacks(TomcatProtocolHandlerCustomizer.class, factory.getProtocolHandlerCustomizers(), handler)
			.invoke((customizer) -> customizer.customize(handler));
		factory.addAdditionalConnectors(plain);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
