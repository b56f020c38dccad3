package io.railside.echo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the raw WebSocket echo.
 *
 * @param maxMessageSize the largest message echoed; a larger one closes its socket with
 * 1009
 */
@ConfigurationProperties("railside.echo")
public record EchoProperties(@DefaultValue("64KB") DataSize maxMessageSize) {

}
