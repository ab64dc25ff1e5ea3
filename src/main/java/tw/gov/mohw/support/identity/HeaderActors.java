package tw.gov.mohw.support.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import tw.gov.mohw.support.shared.Actor;

/**
 * BENCHMARK ONLY: requests that name their actor in a header instead of signing in, so that a load test measures
 * reports rather than card cryptography. Only the test environment offers it (module {@code testenv}, with
 * {@code support.test-auth.enabled}); production refuses to start with it. Such requests carry no CSRF token.
 */
public interface HeaderActors {

    /** Whether the request names its actor this way (then it is not checked for a CSRF token). */
    boolean claims(HttpServletRequest request);

    /** The actor the request names, when the header parses; otherwise it stays unauthenticated. */
    Optional<Actor> actor(HttpServletRequest request);
}
