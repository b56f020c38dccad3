package io.railside.server;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the plain HTTP (ws://) connector that runs beside Boot's TLS connector.
 *
 * @param port the port of the plain connector; 0 picks a free port
 */
@ConfigurationProperties("railside.http")
public record HttpConnectorProperties(@DefaultValue("8080") int port) {

}
