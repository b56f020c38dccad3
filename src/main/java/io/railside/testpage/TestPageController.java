package io.railside.testpage;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the test page, prefilled with this server's endpoint URLs, under a Content
 * Security Policy that allows only Railside's own scripts and styles.
 */
@Controller
class TestPageController {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "connect-src 'self' ws: wss: http: https:; img-src 'self' data:; frame-ancestors 'none'; "
			+ "base-uri 'none'; form-action 'none'";

	@GetMapping("/")
	String index(HttpServletRequest request, HttpServletResponse response, Model model) {
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		model.addAttribute("urls", EndpointUrls.from(request));
		return "index";
	}

}
