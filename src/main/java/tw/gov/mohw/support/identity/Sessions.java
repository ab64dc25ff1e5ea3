package tw.gov.mohw.support.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.shared.Actor;

/**
 * Signed-in sessions: started with a new session id (no fixation) and a new CSRF token, limited by an idle timeout
 * (Spring Session's max inactive interval) and an absolute lifetime from sign-in, ended one by one or all of an
 * account's at once (sign out everywhere, or an administrator disabling a staff account).
 */
@Component
public class Sessions {

    static final String SIGNED_IN_AT = Sessions.class.getName() + ".signedInAt";
    static final String METHOD = Sessions.class.getName() + ".method";

    @ConfigurationProperties("support.sessions")
    record Limits(@DefaultValue("PT30M") Duration idle, @DefaultValue("PT12H") Duration absolute) {
    }

    private final SecurityContextRepository contexts;
    private final CsrfTokenRepository csrfTokens;
    private final FindByIndexNameSessionRepository<? extends Session> store;
    private final SecurityLog log;
    private final Limits limits;
    private final Clock clock;

    Sessions(SecurityContextRepository contexts, CsrfTokenRepository csrfTokens,
            FindByIndexNameSessionRepository<? extends Session> store, SecurityLog log, Limits limits, Clock clock) {
        this.contexts = contexts;
        this.csrfTokens = csrfTokens;
        this.store = store;
        this.log = log;
        this.limits = limits;
        this.clock = clock;
    }

    /** Signs {@code actor} in on this browser: a new session id, a new CSRF token, and a security-log entry. */
    public void signIn(HttpServletRequest request, HttpServletResponse response, Actor actor, SignInMethod method,
            String subject) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        session.setMaxInactiveInterval((int) limits.idle().toSeconds());
        session.setAttribute(SIGNED_IN_AT, clock.instant());
        session.setAttribute(METHOD, method.name());
        SignInAttempt.clear(session);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(actor, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name()))));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        csrfTokens.saveToken(null, request, response);
        log.record(SecurityLog.Kind.SIGN_IN, method.name(), SecurityLog.Outcome.SUCCESS, null, subject,
                request.getRemoteAddr(), request.getHeader("User-Agent"));
    }

    /** Records a failed attempt; nothing about the session changes. */
    public void failed(HttpServletRequest request, SignInMethod method, String reason, String subject) {
        log.record(SecurityLog.Kind.SIGN_IN, method.name(), SecurityLog.Outcome.FAILURE, reason, subject,
                request.getRemoteAddr(), request.getHeader("User-Agent"));
    }

    /** Ends this browser's session. */
    public void signOut(HttpServletRequest request, Actor actor, String reason) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        log.record(SecurityLog.Kind.SIGN_OUT, null, SecurityLog.Outcome.SUCCESS, reason,
                actor == null ? null : actor.account(), request.getRemoteAddr(), request.getHeader("User-Agent"));
    }

    /** Ends every session of the account, on every node; returns how many there were. */
    public int endAll(Actor actor) {
        var sessions = store.findByPrincipalName(actor.account());
        sessions.keySet().forEach(store::deleteById);
        return sessions.size();
    }

    /** Ends every session of the account but {@code keep} (the one in use), on every node. */
    public int endOthers(Actor actor, String keep) {
        var sessions = store.findByPrincipalName(actor.account());
        sessions.keySet().stream().filter(id -> !id.equals(keep)).forEach(store::deleteById);
        return sessions.size() - (sessions.containsKey(keep) ? 1 : 0);
    }

    /** Whether the session has outlived its absolute lifetime (and must be ended whatever its activity). */
    boolean expired(HttpSession session) {
        Object at = session.getAttribute(SIGNED_IN_AT);
        return at instanceof Instant signedIn && !clock.instant().isBefore(signedIn.plus(limits.absolute()));
    }
}
