package io.railside.stomp;

import org.springframework.web.socket.config.annotation.SockJsServiceRegistration;

/**
 * A seam for settings of the {@code /sockjs} endpoint's SockJS service that belong to
 * other features (its limits), so that the STOMP configuration needs to know none of
 * them.
 */
@FunctionalInterface
public interface SockJsServiceCustomizer {

	/**
	 * Change the SockJS service's settings.
	 * @param registration the registration of the {@code /sockjs} endpoint's service
	 */
	void customize(SockJsServiceRegistration registration);

}
