package io.railside.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP security. Railside keeps no HTTP session and sets no cookie: browsers prove who
 * they are with a JWT on STOMP CONNECT, backends with the publish token. So there is
 * nothing for CSRF to protect, no login form and no session; SockJS's iframe transport
 * needs same-origin framing.
 */
@Configuration(proxyBeanMethods = false)
class HttpSecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		// @formatter:off
		http
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.headers((headers) -> headers.frameOptions((frameOptions) -> frameOptions.sameOrigin()));
		// @formatter:on
		return http.build();
	}

}
