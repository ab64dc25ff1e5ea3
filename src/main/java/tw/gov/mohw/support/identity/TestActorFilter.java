package tw.gov.mohw.support.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.shared.Actor;

/**
 * TEST ENVIRONMENT ONLY: the caller names the actor in a header, until card and SMS sign-in replace it. The
 * production profile refuses to start with it on ({@link ProductionGuard}).
 *
 * <pre>
 * X-Test-Actor: practitioner:A123456789
 * X-Test-Actor: institution:0101090517
 * X-Test-Actor: reviewer:63000:alice            (optionally :A123456789, the reviewer's own ID)
 * X-Test-Actor: bureau-admin:63000:bob
 * X-Test-Actor: national-viewer:carol
 * X-Test-Actor: system-admin:dave
 * </pre>
 * A header that does not parse leaves the request unauthenticated (401).
 */
class TestActorFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Test-Actor";
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
    private static final Pattern COUNTY = Pattern.compile("\\d{5}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        parse(request.getHeader(HEADER)).ifPresent(actor -> {
            var auth = new UsernamePasswordAuthenticationToken(actor, null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
            SecurityContextHolder.getContext().setAuthentication(auth);
        });
        chain.doFilter(request, response);
    }

    static Optional<Actor> parse(String header) {
        if (header == null || header.length() > 100) {
            return Optional.empty();
        }
        String[] p = header.strip().split(":", -1);
        try {
            return Optional.ofNullable(switch (p[0]) {
                case "practitioner" -> p.length == 2 ? Actor.practitioner(NationalId.parse(p[1]).value()) : null;
                case "institution" -> p.length == 2 ? Actor.institution(InstitutionCode.parse(p[1]).value()) : null;
                case "reviewer", "bureau-admin" -> (p.length == 3 || p.length == 4) && COUNTY.matcher(p[1]).matches()
                        && USERNAME.matcher(p[2]).matches()
                        ? Actor.staff(p[0].equals("reviewer") ? Actor.Role.REVIEWER : Actor.Role.BUREAU_ADMIN, p[2],
                                p[1], p.length == 4 ? NationalId.parse(p[3]).value() : null)
                        : null;
                case "national-viewer" -> p.length == 2 && USERNAME.matcher(p[1]).matches()
                        ? Actor.staff(Actor.Role.NATIONAL_VIEWER, p[1], null, null) : null;
                case "system-admin" -> p.length == 2 && USERNAME.matcher(p[1]).matches()
                        ? Actor.staff(Actor.Role.SYSTEM_ADMIN, p[1], null, null) : null;
                default -> null;
            });
        } catch (RuntimeException invalidIdentifier) {
            return Optional.empty();
        }
    }
}
