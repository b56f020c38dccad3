package io.railside.server;

import java.util.Map;

import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Learns the ports both connectors actually bound (0 means "any free port"), publishes
 * the plain one as {@code local.http.port} beside Boot's {@code local.server.port}, and
 * tells the user which URLs to open.
 */
class ConnectorPorts {

	private static final Log logger = LogFactory.getLog(ConnectorPorts.class);

	private int httpPort = -1;

	private int httpsPort = -1;

	@EventListener
	void onWebServerInitialized(ServletWebServerInitializedEvent event) {
		if (!(event.getWebServer() instanceof TomcatWebServer tomcat)) {
			return;
		}
		for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
			if (connector.getSecure()) {
				this.httpsPort = connector.getLocalPort();
			}
			else {
				this.httpPort = connector.getLocalPort();
			}
		}
		ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("railside.ports", Map.of("local.http.port", this.httpPort)));
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		logger.info("Railside is ready: open http://localhost:" + this.httpPort + "/ (ws://) or https://localhost:"
				+ this.httpsPort + "/ (wss://)");
	}

}
