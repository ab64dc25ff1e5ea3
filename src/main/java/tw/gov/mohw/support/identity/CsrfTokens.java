package tw.gov.mohw.support.identity;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Where the CSRF token lives: in the session once there is one, before that in an HttpOnly cookie. Looking at a
 * signed-out page (the verification page, the login page) therefore keeps nothing on the server; the session starts
 * at the first sign-in step that needs state, and signing in replaces whatever token there was with a new one held
 * in the session. The cookie is compared with the token the page sent back (the double-submit pattern), which is
 * all that protects the few signed-out forms; everything a signed-in person does is checked against the session.
 */
final class CsrfTokens implements CsrfTokenRepository {

    static final String COOKIE = "CSRF";
    private static final String HEADER = "X-CSRF-TOKEN";
    private static final String PARAMETER = "_csrf";

    private final HttpSessionCsrfTokenRepository session = new HttpSessionCsrfTokenRepository();
    private final CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();

    CsrfTokens(boolean secureCookie) {
        session.setHeaderName(HEADER);
        session.setParameterName(PARAMETER);
        cookie.setHeaderName(HEADER);
        cookie.setParameterName(PARAMETER);
        cookie.setCookieName(COOKIE);
        cookie.setCookieCustomizer(c -> c.httpOnly(true).sameSite("Lax").path("/").secure(secureCookie));
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return session.generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (token == null) {
            // signing in: the session's token and any signed-out cookie both go
            session.saveToken(null, request, response);
            if (hasCookie(request)) {
                cookie.saveToken(null, request, response);
            }
        } else if (request.getSession(false) != null) {
            session.saveToken(token, request, response);
        } else {
            cookie.saveToken(token, request, response);
        }
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        if (request.getSession(false) != null) {
            CsrfToken held = session.loadToken(request);
            if (held != null) {
                return held;
            }
        }
        return cookie.loadToken(request);
    }

    private static boolean hasCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return false;
        }
        for (Cookie c : cookies) {
            if (COOKIE.equals(c.getName())) {
                return true;
            }
        }
        return false;
    }
}
