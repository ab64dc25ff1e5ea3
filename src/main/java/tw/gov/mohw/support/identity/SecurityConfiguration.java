package tw.gov.mohw.support.identity;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tw.gov.mohw.support.web.Problems;

/**
 * Who may call what. The API needs an authenticated actor; until card and SMS sign-in land, the test environment's
 * {@link TestActorFilter} provides one. What each actor may see is decided in the feature modules (report scoping).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @ConfigurationProperties("support.test-auth")
    record TestAuthProperties(@DefaultValue("false") boolean enabled) {
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, TestAuthProperties testAuth, Problems problems, SecurityLog log)
            throws Exception {
        http.securityMatcher("/api/**")
                // The API carries its credentials in a header, never in a cookie: no CSRF exposure, no session.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            refused(log, request, "unauthenticated");
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, "problem.detail.unauthenticated");
                        })
                        .accessDeniedHandler((request, response, ex) -> {
                            refused(log, request, "forbidden");
                            problems.write(request, response, HttpStatus.FORBIDDEN, "problem.detail.forbidden");
                        }));
        if (testAuth.enabled()) {
            http.addFilterBefore(new TestActorFilter(), AnonymousAuthenticationFilter.class);
        }
        return http.build();
    }

    @Bean
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/", "/index.html", "/error", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
                                "/actuator/health/**")
                        .permitAll()
                        .anyRequest().denyAll())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                + "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'")));
        return http.build();
    }

    /** Every refused access goes to the security log, with what was asked for and from where. */
    private static void refused(SecurityLog log, jakarta.servlet.http.HttpServletRequest request, String reason) {
        log.record(SecurityLog.Kind.ACCESS_REFUSED, null, SecurityLog.Outcome.FAILURE,
                reason + " " + request.getMethod() + " " + request.getRequestURI(), null, request.getRemoteAddr(),
                request.getHeader("User-Agent"));
    }
}
