package tw.gov.mohw.support.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.web.Problems;

/** Ends a signed-in session that has passed its absolute lifetime, however active it has been. */
class SessionLimits extends OncePerRequestFilter {

    private final Sessions sessions;
    private final Problems problems;

    SessionLimits(Sessions sessions, Problems problems) {
        this.sessions = sessions;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && sessions.expired(session)) {
            var auth = SecurityContextHolder.getContext().getAuthentication();
            sessions.signOut(request, auth != null && auth.getPrincipal() instanceof Actor a ? a : null,
                    "absolute lifetime reached");
            if (SecurityConfiguration.API.matches(request)) {
                problems.write(request, response, HttpStatus.UNAUTHORIZED, "problem.detail.unauthenticated");
            } else {
                response.sendRedirect(request.getContextPath() + "/login?expired");
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
