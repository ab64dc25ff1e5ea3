package tw.gov.mohw.support.testenv;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.identity.HeaderActors;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.shared.Actor;

/**
 * BENCHMARK ONLY ({@code support.test-auth.enabled}): the caller names the actor in a header instead of signing in
 * ({@code bench/run.sh} turns it on). The production profile refuses to start with it on ({@link ProductionGuard}).
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
@Component
@ConditionalOnProperty(name = "support.test-auth.enabled", havingValue = "true")
class TestActorHeader implements HeaderActors {

    static final String HEADER = "X-Test-Actor";
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
    private static final Pattern COUNTY = Pattern.compile("\\d{5}");

    @Override
    public boolean claims(HttpServletRequest request) {
        return request.getHeader(HEADER) != null;
    }

    @Override
    public Optional<Actor> actor(HttpServletRequest request) {
        return parse(request.getHeader(HEADER));
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
