package tw.gov.mohw.support.apiclient;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import tw.gov.mohw.support.identity.SecurityLog;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.PublicUrl;
import tw.gov.mohw.support.web.Problems;

/**
 * The machine channel: Spring Authorization Server's token endpoint ({@code /oauth2/token}, client credentials only,
 * and the key set at {@code /oauth2/jwks}) for the clients of {@link ApiClients}, and the bearer tokens it issues
 * accepted by {@code /api/v1} alongside the browser session. A request with {@code Authorization: Bearer} is
 * answered by its own stateless filter chain (no session, no CSRF: a browser never sends such a header by itself):
 * {@code reports.read} for reading, {@code reports.file} for anything that changes; the client must still be active
 * (a revoked client's tokens are refused at once), within its rate limit (429), and it acts as its institution's
 * clerk — or as the insurer — under its own account, so the one access policy applies to it unchanged. The same
 * tokens are accepted by {@code /fhir/r4}, whose refusals are OperationOutcomes.
 */
@Configuration
@EnableConfigurationProperties(ApiClientProperties.class)
class ApiClientSecurity {

    static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/v1/**");
    static final RequestMatcher FHIR = PathPatternRequestMatcher.withDefaults().matcher("/fhir/**");

    /** Client credentials only: what a hospital's system needs, nothing that would send a browser anywhere. */
    @Bean
    @Order(-2)
    SecurityFilterChain authorizationServer(HttpSecurity http, RegisteredClientRepository clients,
            JwtEncoder encoder, PublicUrl publicUrl, Clock clock, SecurityLog log) throws Exception {
        var errors = new OAuth2ErrorHttpMessageConverter();
        var server = new OAuth2AuthorizationServerConfigurer();
        JwtGenerator tokens = new JwtGenerator(encoder);
        tokens.setClock(clock);
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (publicUrl.isSet()) {
            settings.issuer(publicUrl.publicUrl().toString().replaceAll("/$", ""));
        }
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, s -> s.registeredClientRepository(clients)
                        // secrets are checked as they are stored, never re-hashed by the endpoint
                        .clientAuthentication(c -> c.authenticationProviders(providers -> providers.forEach(p -> {
                            if (p instanceof ClientSecretAuthenticationProvider secrets) {
                                secrets.setPasswordEncoder(ApiClients.SECRETS);
                            }
                        }))
                                // a client that fails to authenticate goes to the security log like a person who
                                // fails to sign in (and support_signins_total{method="API_CLIENT"})
                                .errorResponseHandler((request, response, e) -> {
                                    log.record(SecurityLog.Kind.SIGN_IN, "API_CLIENT", SecurityLog.Outcome.FAILURE,
                                            e instanceof OAuth2AuthenticationException o ? o.getError().getErrorCode()
                                                    : "client authentication", clientId(request),
                                            request.getRemoteAddr(), request.getHeader("User-Agent"));
                                    // as the endpoint's own handler answers: 401 for invalid_client (RFC 6749)
                                    OAuth2Error error = e instanceof OAuth2AuthenticationException o ? o.getError()
                                            : new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
                                    var out = new ServletServerHttpResponse(response);
                                    out.setStatusCode(OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())
                                            ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
                                    errors.write(error, null, out);
                                }))
                        // no token is kept (see NothingStored), so neither revoked nor looked up one by one: both
                        // endpoints say so rather than answer as if they had (revoke a client on /api-clients)
                        .tokenRevocationEndpoint(e -> e.authenticationProviders(providers -> {
                            providers.clear();
                            providers.add(unsupported());
                        }))
                        .tokenIntrospectionEndpoint(e -> e.authenticationProviders(providers -> {
                            providers.clear();
                            providers.add(unsupported());
                        }))
                        .authorizationService(new NothingStored())
                        .authorizationServerSettings(settings.build())
                        .tokenGenerator(tokens))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(-1)
    SecurityFilterChain bearerTokens(HttpSecurity http, JwtDecoder decoder, ApiClients clients, Problems problems,
            SecurityLog log) throws Exception {
        var entryPoint = new BearerTokenAuthenticationEntryPoint();
        http.securityMatcher(request -> bearer(request) && (API.matches(request) || FHIR.matches(request)))
                .authorizeHttpRequests(a -> a
                        // the insurer reads approved support through FHIR only: the JSON API would also show what
                        // waits for a decision, histories and their reasons
                        .requestMatchers(API).access(AuthorizationManagers.allOf(
                                AuthorizationManagers.not(AuthorityAuthorizationManager.hasRole("INSURER")),
                                scopeOfMethod()))
                        .anyRequest().hasAuthority("SCOPE_reports.read"))
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(token -> authentication(token,
                                clients)))
                        .authenticationEntryPoint((request, response, e) -> {
                            log.refused(null, request.getMethod() + " " + request.getRequestURI(), "bearer token",
                                    request.getRemoteAddr(), request.getHeader("User-Agent"));
                            entryPoint.commence(request, response, e);
                            if (FHIR.matches(request)) {
                                Problems.writeOperationOutcome(response, HttpStatus.UNAUTHORIZED, "login",
                                        "The access token is invalid or expired, or its client has been revoked");
                            } else {
                                problems.write(request, response, HttpStatus.UNAUTHORIZED, "problem.detail.token");
                            }
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            log.refused(account(), request.getMethod() + " " + request.getRequestURI(), "scope",
                                    request.getRemoteAddr(), request.getHeader("User-Agent"));
                            // RFC 6750 §3.1 (Spring's handler says it only for its own token types)
                            response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", "
                                    + "scope=\"" + (HttpMethod.GET.matches(request.getMethod()) ? "reports.read"
                                            : "reports.file") + "\"");
                            if (FHIR.matches(request)) {
                                Problems.writeOperationOutcome(response, HttpStatus.FORBIDDEN, "forbidden",
                                        "The client lacks the scope this needs");
                            } else {
                                problems.write(request, response, HttpStatus.FORBIDDEN, "problem.detail.scope");
                            }
                        }))
                .addFilterAfter(new RateLimit(clients, problems), BearerTokenAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable());
        return http.build();
    }

    /** Reading needs {@code reports.read}, anything else {@code reports.file}. */
    private static AuthorizationManager<RequestAuthorizationContext> scopeOfMethod() {
        AuthorizationManager<RequestAuthorizationContext> read = AuthorityAuthorizationManager.hasAuthority(
                "SCOPE_reports.read");
        AuthorizationManager<RequestAuthorizationContext> file = AuthorityAuthorizationManager.hasAuthority(
                "SCOPE_reports.file");
        return (authentication, context) -> (HttpMethod.GET.matches(context.getRequest().getMethod()) ? read : file)
                .authorize(authentication, context);
    }

    /** The client id a token request names, in its Basic credentials or its form; {@code null} if none. */
    static String clientId(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(java.util.Base64.getDecoder().decode(header.substring(6).strip()),
                        java.nio.charset.StandardCharsets.UTF_8);
                return pair.contains(":") ? java.net.URLDecoder.decode(pair.substring(0, pair.indexOf(':')),
                        java.nio.charset.StandardCharsets.UTF_8) : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return request.getParameter("client_id");
    }

    static boolean bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /**
     * A token's client must still be active: a revoked one's tokens stop at once, not when they expire. Its
     * authorities are the token's scopes that the client still has, and it is its institution's clerk.
     */
    private static UsernamePasswordAuthenticationToken authentication(Jwt token, ApiClients clients) {
        ApiClients.Client client = clients.active(token.getSubject())
                .orElseThrow(() -> new InvalidBearerTokenException("the client is not active"));
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String scope : token.getClaimAsStringList("scope") == null ? List.<String>of()
                : token.getClaimAsStringList("scope")) {
            if (client.scopes().contains(scope)) {
                authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope));
            }
        }
        Actor actor = client.actor();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + actor.role().name()));
        var authentication = new UsernamePasswordAuthenticationToken(actor, token, authorities);
        authentication.setDetails(client); // for the rate limit, without reading the client again
        return authentication;
    }

    private static String account() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof Actor actor ? actor.account() : null;
    }

    /** Each client's requests a minute, counted in the database so that all nodes share one limit. */
    static final class RateLimit extends OncePerRequestFilter {
        private final ApiClients clients;
        private final Problems problems;

        RateLimit(ApiClients clients, Problems problems) {
            this.clients = clients;
            this.problems = problems;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.getDetails() instanceof ApiClients.Client client) {
                if (!clients.admit(client)) {
                    response.setHeader("Retry-After", Long.toString(clients.retryAfter()));
                    if (FHIR.matches(request)) {
                        Problems.writeOperationOutcome(response, HttpStatus.TOO_MANY_REQUESTS, "throttled",
                                "Too many requests this minute");
                    } else {
                        problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "problem.detail.rate");
                    }
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }

    /** The clients of {@link ApiClients} as the authorization server sees them. */
    @Bean
    RegisteredClientRepository registeredClients(ApiClients clients, ApiClientProperties properties,
            org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        return new RegisteredClientRepository() {
            @Override
            public void save(RegisteredClient client) {
                // clients are made, rotated and revoked by ApiClients alone; the endpoint never re-hashes (it checks
                // with the same encoder that stored the hash)
                throw new UnsupportedOperationException("API clients are managed on /api-clients");
            }

            @Override
            public RegisteredClient findById(String id) {
                return findByClientId(id);
            }

            @Override
            public RegisteredClient findByClientId(String clientId) {
                var client = clients.active(clientId);
                var hash = clients.secretHash(clientId);
                if (client.isEmpty() || hash.isEmpty()) {
                    return null;
                }
                return RegisteredClient.withId(client.get().clientId()).clientId(client.get().clientId())
                        .clientSecret(hash.get()).clientName(client.get().name())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .scopes(s -> s.addAll(client.get().scopes()))
                        .tokenSettings(TokenSettings.builder().accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                                .accessTokenTimeToLive(properties.tokenLifetime()).build())
                        .build();
            }
        };
    }

    /** Signs with the one current key of {@link SigningKeys}. */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.signing())));
    }

    /** What {@code /oauth2/jwks} publishes: every key whose tokens are still accepted, public halves only. */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return (selector, context) -> selector.select(new JWKSet(new ArrayList<JWK>(keys.published())));
    }

    /** Verifies with the published keys, asking the database again for a key id it does not know yet. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, PublicUrl publicUrl, Clock clock) {
        JWKSource<SecurityContext> known = (selector, context) -> {
            List<JWK> found = selector.select(new JWKSet(new ArrayList<JWK>(keys.published())));
            if (found.isEmpty() && selector.getMatcher().getKeyIDs() != null) {
                for (String kid : selector.getMatcher().getKeyIDs()) {
                    var key = keys.published(kid);
                    if (key != null) {
                        return List.of(key);
                    }
                }
            }
            return found;
        };
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(known).build();
        JwtTimestampValidator time = new JwtTimestampValidator();
        time.setClock(clock);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(time));
        if (publicUrl.isSet()) {
            validators.add(new JwtIssuerValidator(publicUrl.publicUrl().toString().replaceAll("/$", "")));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** Refuses what the server does not keep tokens for: RFC 7009's "unsupported_token_type". */
    private static AuthenticationProvider unsupported() {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                throw new OAuth2AuthenticationException(new OAuth2Error("unsupported_token_type",
                        "tokens are not kept: revoke the client instead", null));
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return OAuth2TokenRevocationAuthenticationToken.class.isAssignableFrom(authentication)
                        || OAuth2TokenIntrospectionAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    /**
     * Client-credentials tokens are self-contained and a client is revoked as a whole, so the server keeps no
     * record of each token (the default would keep every one in one node's memory, growing without end).
     */
    static final class NothingStored implements OAuth2AuthorizationService {
        @Override
        public void save(OAuth2Authorization authorization) {
        }

        @Override
        public void remove(OAuth2Authorization authorization) {
        }

        @Override
        public OAuth2Authorization findById(String id) {
            return null;
        }

        @Override
        public OAuth2Authorization findByToken(String token, OAuth2TokenType type) {
            return null;
        }
    }
}
