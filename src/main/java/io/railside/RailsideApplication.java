package io.railside;

import io.railside.server.TlsRenegotiation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts Railside, the WebSocket and STOMP service that runs beside a web app.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RailsideApplication {

	public static void main(String[] args) {
		// Before any TLS class loads: JSSE reads this setting once.
		TlsRenegotiation.refuseClientInitiated();
		SpringApplication.run(RailsideApplication.class, args);
	}

}
