package io.railside.sessions;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServletServerHttpRequest;

/**
 * The client a handshake comes from, as the per-address limit counts it: the address
 * Tomcat reports (behind HAProxy, the forwarded one: Spring Boot's
 * {@code server.forward-headers-strategy: native} trusts {@code X-Forwarded-For} from
 * private and loopback proxies only), with an IPv6 address cut to its /64, since one host
 * or household holds a whole /64.
 */
final class ClientAddress {

	private ClientAddress() {
	}

	static String of(ServerHttpRequest request) {
		if (request instanceof ServletServerHttpRequest servlet) {
			return key(servlet.getServletRequest().getRemoteAddr());
		}
		return (request.getRemoteAddress() != null) ? key(request.getRemoteAddress().getHostString()) : "unknown";
	}

	static String key(String address) {
		if (address.indexOf(':') < 0) {
			return address;
		}
		try {
			// A literal, so no name is looked up.
			InetAddress parsed = InetAddress.getByName(address);
			if (parsed instanceof Inet6Address) {
				byte[] bytes = parsed.getAddress();
				StringBuilder prefix = new StringBuilder();
				for (int i = 0; i < 8; i += 2) {
					prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
				}
				return prefix.append(":/64").toString();
			}
			return parsed.getHostAddress();
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

}
