package io.railside.testpage;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The URL of each transport's endpoint on the connector the page came over, so the page
 * connects back over ws:// when it was loaded over http:// and over wss:// when over
 * https://.
 *
 * @param raw the raw WebSocket echo endpoint
 * @param stomp the STOMP over WebSocket endpoint
 * @param sockJs the STOMP over SockJS endpoint (SockJS takes an http(s):// URL)
 */
record EndpointUrls(String raw, String stomp, String sockJs) {

	static EndpointUrls from(HttpServletRequest request) {
		UriComponentsBuilder page = ServletUriComponentsBuilder.fromContextPath(request);
		String socketScheme = "https".equalsIgnoreCase(request.getScheme()) ? "wss" : "ws";
		return new EndpointUrls(url(page, socketScheme, "/echo"), url(page, socketScheme, "/stomp"),
				url(page, request.getScheme(), "/sockjs"));
	}

	private static String url(UriComponentsBuilder page, String scheme, String path) {
		return page.cloneBuilder().scheme(scheme).path(path).toUriString();
	}

}
