package tw.gov.mohw.support.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.web.Problems;

/**
 * Who may call what. Everyone signs in (cards, SMS with the NHI site, or staff password + TOTP) into a session kept
 * in the database; pages and the JSON API share it, and every state-changing request carries the CSRF token (a form
 * field, or the {@code X-CSRF-TOKEN} header from script): the session's, or before sign-in a cookie's, so that
 * signed-out pages start no session ({@link CsrfTokens}). What each actor may see is decided in the
 * feature modules (report scoping).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * {@code hstsAlways}: Strict-Transport-Security on every answer, not only on requests this node sees as secure
     * (production sets it: TLS may end at the proxy).
     */
    @ConfigurationProperties("support.security")
    record HeaderProperties(@DefaultValue("false") boolean hstsAlways) {
    }

    /**
     * Who may read {@code /actuator/prometheus}: the operators' Prometheus with these credentials (HTTP Basic, over
     * TLS). Without a password the endpoint answers nobody. Restrict it to the monitoring network as well.
     */
    @ConfigurationProperties("support.metrics")
    record MetricsAccess(@DefaultValue("prometheus") String username, String password) {
    }

    static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
    /** The FHIR API (module {@code fhir}): its clients understand only OperationOutcome. */
    static final RequestMatcher FHIR = PathPatternRequestMatcher.withDefaults().matcher("/fhir/**");

    /**
     * What every answer says about itself beyond the content security policy: no referrer sent to other sites with
     * a path (ids are in paths), no camera, microphone, location, payment or USB for any page, and HSTS.
     */
    static HeadersConfigurer<HttpSecurity> commonHeaders(HeadersConfigurer<HttpSecurity> h, HeaderProperties headers) {
        return h.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                        + "interest-cohort=()"))
                .httpStrictTransportSecurity(hsts -> {
                    hsts.maxAgeInSeconds(31_536_000).includeSubDomains(true);
                    if (headers.hstsAlways()) {
                        hsts.requestMatcher(AnyRequestMatcher.INSTANCE);
                    }
                });
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /** The CSRF cookie of signed-out pages is as secure as the session cookie. */
    @Bean
    CsrfTokenRepository csrfTokenRepository(
            @Value("${server.servlet.session.cookie.secure:false}")
            boolean secure) {
        return new CsrfTokens(secure);
    }

    /**
     * A signed-out page's CSRF token goes out as a cookie, which must be set before the page starts streaming; so a
     * page asked for without a session has its token made up front rather than when the template reaches the form.
     */
    static void signedOutPageToken(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res,
            jakarta.servlet.FilterChain chain) throws java.io.IOException, jakarta.servlet.ServletException {
        var request = (HttpServletRequest) req;
        String accept = request.getHeader("Accept");
        if ("GET".equals(request.getMethod()) && accept != null && accept.contains("text/html")
                && request.getSession(false) == null
                && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken();
        }
        chain.doFilter(req, res);
    }

    /**
     * The API documentation (springdoc's Swagger UI, a third-party page) sets inline styles; it alone may, and it
     * changes nothing, so it needs neither session nor CSRF.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiDocumentation(HttpSecurity http, HeaderProperties headers) throws Exception {
        http.securityMatcher("/swagger-ui/**", "/swagger-ui.html", "/v3/api-docs/**", "/v3/api-docs.yaml")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(
                        SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .headers(h -> {
                    commonHeaders(h, headers);
                    h.contentSecurityPolicy(csp -> csp.policyDirectives(
                            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                    + "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"));
                });
        return http.build();
    }

    /** The metrics endpoint: its own credentials, no session, nothing else reachable through it. */
    @Bean
    @Order(0)
    SecurityFilterChain metrics(HttpSecurity http, MetricsAccess access, HeaderProperties headers) throws Exception {
        var users = new InMemoryUserDetailsManager();
        boolean configured = access.password() != null && !access.password().isBlank();
        if (configured) {
            users.createUser(User.withUsername(access.username())
                    .password("{noop}" + access.password()).roles("METRICS").build());
        }
        http.securityMatcher("/actuator/prometheus")
                .authorizeHttpRequests(a -> {
                    if (configured) {
                        a.anyRequest().hasRole("METRICS");
                    } else {
                        a.anyRequest().denyAll();
                    }
                })
                .httpBasic(b -> b.realmName("metrics"))
                .userDetailsService(users)
                .sessionManagement(s -> s.sessionCreationPolicy(
                        SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .headers(h -> commonHeaders(h, headers));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain everything(HttpSecurity http, ObjectProvider<HeaderActors> benchmark, Problems problems,
            SecurityLog log, SecurityContextRepository contexts, CsrfTokenRepository csrfTokens, Sessions sessions,
            HeaderProperties headers) throws Exception {
        var toLogin = new LoginUrlAuthenticationEntryPoint("/login");
        HeaderActors headerActors = benchmark.getIfAvailable();
        http.securityContext(c -> c.securityContextRepository(contexts))
                .csrf(csrf -> {
                    csrf.csrfTokenRepository(csrfTokens);
                    if (headerActors != null) {
                        csrf.ignoringRequestMatchers(headerActors::claims);
                    }
                })
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/login/**", "/staff/login", "/staff/login/**", "/staff/first-sign-in",
                                "/error",
                                "/css/**", "/js/**", "/images/**", "/favicon.ico", "/actuator/health/**", "/help", "/verify/**",
                                "/test-environment/**",
                                "/nhi-simulator/**",
                                // FHIR clients read the CapabilityStatement before they authenticate; it names no record
                                "/fhir/r4/metadata")
                        .permitAll()
                        .anyRequest().authenticated())
                .addFilterAfter(new SessionLimits(sessions, problems), AnonymousAuthenticationFilter.class)
                .addFilterAfter(SecurityConfiguration::signedOutPageToken, CsrfFilter.class)
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .headers(h -> commonHeaders(h, headers).contentSecurityPolicy(csp -> csp.policyDirectives(
                        // the card components answer on loopback ports; nothing else is ever contacted from a page
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                + "connect-src 'self' https://localhost:* https://127.0.0.1:* ws://localhost:* "
                                + "ws://127.0.0.1:*; form-action 'self'"
                                + "; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor((request, response, ex) -> {
                            refused(log, request, "unauthenticated");
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, "problem.detail.unauthenticated");
                        }, API)
                        .defaultAuthenticationEntryPointFor((request, response, ex) -> {
                            refused(log, request, "unauthenticated");
                            Problems.writeOperationOutcome(response, HttpStatus.UNAUTHORIZED, "login", "Authentication required");
                        }, FHIR)
                        .defaultAuthenticationEntryPointFor(toLogin, r -> true)
                        .accessDeniedHandler((request, response, ex) -> {
                            boolean csrf = ex instanceof CsrfException;
                            refused(log, request, csrf ? "csrf" : "forbidden");
                            if (FHIR.matches(request)) {
                                Problems.writeOperationOutcome(response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden");
                            } else if (API.matches(request) || "XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
                                    || request.getHeader("X-CSRF-TOKEN") != null) {
                                problems.write(request, response, HttpStatus.FORBIDDEN,
                                        csrf ? "problem.detail.csrf" : "problem.detail.forbidden");
                            } else {
                                response.sendError(HttpStatus.FORBIDDEN.value());
                            }
                        }));
        if (headerActors != null) {
            http.addFilterBefore(new HeaderActorFilter(headerActors), AnonymousAuthenticationFilter.class);
        }
        return http.build();
    }

    /** Every refused access goes to the security log, with what was asked for and from where. */
    static void refused(SecurityLog log, HttpServletRequest request, String reason) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        log.refused(auth != null && auth.getPrincipal() instanceof Actor actor ? actor.account() : null,
                request.getMethod() + " " + request.getRequestURI(), reason, request.getRemoteAddr(),
                request.getHeader("User-Agent"));
    }
}
