package io.railside;

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
		SpringApplication.run(RailsideApplication.class, args);
	}

}
