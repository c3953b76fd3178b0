package io.maximbatch.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/** Bearer token on everything but /actuator/health; stateless, so no session and no CSRF token. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AdminSecurity {

    /** The admin token; `serve` generates one when it is not configured. */
    static final String TOKEN = "maxim.admin.token";
    private static final Logger LOG = LoggerFactory.getLogger(AdminSecurity.class);

    @Bean
    SecurityFilterChain adminFilterChain(HttpSecurity http, @Value("${" + TOKEN + ":}") String token) throws Exception {
        if (token.isBlank()) {
            // Only reached when the web application starts without serve (which always sets one): nobody gets in.
            LOG.warn("{} is not set: every admin API request is refused", TOKEN);
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new AdminTokenFilter(token), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        // The dashboard page holds no data; its controller answers anonymous callers 401 itself.
                        .requestMatchers(HttpMethod.GET, "/").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> problem(response, HttpServletResponse.SC_UNAUTHORIZED,
                                "Unauthorized", "send the admin token as `Authorization: Bearer <token>` (maxim.admin.token)",
                                request.getRequestURI()))
                        .accessDeniedHandler((request, response, e) -> problem(response, HttpServletResponse.SC_FORBIDDEN,
                                "Forbidden", "access denied", request.getRequestURI())));
        return http.build();
    }

    /** Keeps Spring Boot from creating a user with a generated password: the bearer token is the only way in. */
    @Bean
    AuthenticationManager noPasswordLogin() {
        return authentication -> {
            throw new BadCredentialsException("only the bearer admin token is accepted");
        };
    }

    static void problem(HttpServletResponse response, int status, String title, String detail, String instance)
            throws java.io.IOException {
        response.setStatus(status);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\"", "'") + "\",\"instance\":\"" + json(instance) + "\"}");
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
