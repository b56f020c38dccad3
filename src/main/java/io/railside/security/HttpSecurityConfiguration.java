package io.railside.security;

import java.time.Duration;

import io.railside.server.TlsProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;

/**
 * HTTP security. Railside keeps no HTTP session and sets no cookie: browsers prove who
 * they are with a JWT on STOMP CONNECT, backends with the publish token, Prometheus with
 * the metrics token. So there is nothing for CSRF to protect, no login form and no
 * session; SockJS's iframe transport needs same-origin framing. Health is public, status
 * only. No {@code Strict-Transport-Security} unless the deployer asks for it
 * ({@code railside.tls.hsts}): browsers would apply it to the plain ws:// port too.
 */
@Configuration(proxyBeanMethods = false)
class HttpSecurityConfiguration {

	private final SharedToken metricsToken;

	private final TlsProperties tls;

	HttpSecurityConfiguration(MetricsProperties metrics, TlsProperties tls) {
		this.metricsToken = new SharedToken(metrics.token());
		this.tls = tls;
	}

	/**
	 * The WebSocket handshakes of {@code /stomp}, {@code /cable} and {@code /echo}: open
	 * to all (STOMP authenticates on CONNECT), answered with 101 or 400, never a page, so
	 * the full chain (headers, request cache, authorization) only costs time when
	 * thousands of clients reconnect at once.
	 * @param http the security builder
	 * @return a chain with none of Spring Security's filters left to run
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain handshakeFilterChain(HttpSecurity http) {
		// @formatter:off
		http
			.securityMatcher("/stomp", "/echo", "/cable")
			.csrf(AbstractHttpConfigurer::disable)
			.headers(AbstractHttpConfigurer::disable)
			.exceptionHandling(AbstractHttpConfigurer::disable)
			.sessionManagement(AbstractHttpConfigurer::disable)
			.securityContext(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.anonymous(AbstractHttpConfigurer::disable)
			.servletApi(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable);
		// @formatter:on
		return http.build();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		// @formatter:off
		http
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/actuator/prometheus").access((authentication, context) ->
						new AuthorizationDecision(this.metricsToken.matches(bearer(context.getRequest()))))
				.anyRequest().permitAll())
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.headers((headers) -> headers
				.frameOptions((frameOptions) -> frameOptions.sameOrigin())
				.httpStrictTransportSecurity(this::strictTransportSecurity));
		// @formatter:on
		return http.build();
	}

	/**
	 * Spring Security sends HSTS on every secure request by default (TLS on 8443, or
	 * {@code X-Forwarded-Proto: https} from a trusted proxy), for all subdomains too.
	 */
	private void strictTransportSecurity(HeadersConfigurer<HttpSecurity>.HstsConfig hsts) {
		Duration maxAge = this.tls.hstsMaxAge();
		if (maxAge.isZero()) {
			hsts.disable();
		}
		else {
			hsts.maxAgeInSeconds(maxAge.toSeconds()).includeSubDomains(false);
		}
	}

	private static @Nullable String bearer(HttpServletRequest request) {
		return SharedToken.fromBearer(request.getHeader(HttpHeaders.AUTHORIZATION));
	}

}
