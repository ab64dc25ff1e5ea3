package tw.gov.mohw.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database unreachable — anywhere in a request, the session store in front of everything included — is a 503
 * with {@code Retry-After}, not a 500: problem+json for script, a short page in the reader's language for a browser.
 * Nothing is kept about the failure: the next request tries the database again, so service returns with it.
 * Readiness says DOWN meanwhile (management.endpoint.health.group.readiness includes db).
 */
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);
    static final String RETRY_AFTER_SECONDS = "30";

    private final Problems problems;
    private final MessageSource messages;

    DatabaseUnavailableFilter(Problems problems, MessageSource messages) {
        this.problems = problems;
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!unreachable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("The database is unreachable; answered 503 to {} {}", request.getMethod(), request.getRequestURI());
            answer(request, response);
        }
    }

    /**
     * Whether the failure is the database out of reach: a connection that cannot be had or was lost (class 08), or
     * a server shutting down, crashed or still starting (57P01-57P03: a primary killed mid-request, a failover).
     */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLException sql && sql.getSQLState() != null
                            && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        String accept = request.getHeader("Accept");
        if (accept == null || !accept.contains("text/html") || request.getRequestURI().startsWith("/api/")) {
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "problem.detail.retry");
            return;
        }
        Locale locale = Problems.localeOf(request);
        new ShortPage(messages.getMessage("unavailable.title", null, locale),
                messages.getMessage("problem.detail.retry", null, locale), messages.getMessage("app.name", null, locale),
                messages.getMessage("unavailable.again", null, locale), "")
                .write(response, HttpStatus.SERVICE_UNAVAILABLE, locale);
    }
}
