package tw.gov.mohw.support.identity;

import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The sign-in attempt a browser is in: a random id kept in its (pre-sign-in) session, to which challenges and SMS
 * codes are bound, so that nothing issued to one browser can be used from another. Sign-in clears it.
 */
public final class SignInAttempt {

    private static final String ID = SignInAttempt.class.getName() + ".id";
    private static final String PREFIX = SignInAttempt.class.getName() + ".";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SignInAttempt() {
    }

    /** This browser's attempt id, started if there is none. */
    public static String id(HttpSession session) {
        Object id = session.getAttribute(ID);
        if (id instanceof String s) {
            return s;
        }
        String fresh = random();
        session.setAttribute(ID, fresh);
        return fresh;
    }

    /** This browser's attempt id, or null when it has not started one (nothing is created). */
    public static String existing(HttpSession session) {
        return session != null && session.getAttribute(ID) instanceof String s ? s : null;
    }

    /** A value kept with the attempt (the person being verified, a nonce), until sign-in or a new attempt. */
    public static void put(HttpSession session, String key, String value) {
        session.setAttribute(PREFIX + key, value);
    }

    public static String get(HttpSession session, String key) {
        return session == null ? null : (String) session.getAttribute(PREFIX + key);
    }

    static void clear(HttpSession session) {
        var names = java.util.Collections.list(session.getAttributeNames());
        names.stream().filter(n -> n.startsWith(PREFIX)).forEach(session::removeAttribute);
    }

    /** 192 random bits, URL-safe. */
    public static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
