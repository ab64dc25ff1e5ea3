package tw.gov.mohw.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An upload larger than the server reads ({@code spring.servlet.multipart.max-request-size}) is answered 413 at once,
 * before anything parses it; one that cannot be parsed, 400: problem+json for script, a short page in the reader's
 * language for a browser. Smaller ones over an attachment's 5 MiB reach the page, which says so next to the upload.
 */
class UploadLimitFilter extends OncePerRequestFilter {

    private final long limit;
    private final Problems problems;
    private final MessageSource messages;

    UploadLimitFilter(long limit, Problems problems, MessageSource messages) {
        this.limit = limit;
        this.problems = problems;
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit) {
            refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, "problem.detail.http.413", "upload.tooLarge.title",
                    "attachment.too.large");
            return;
        }
        try {
            // parsed here, once: a body that cannot be read (a NUL in a file name, a broken boundary) is the
            // client's 400, not an exception thrown from deep in another filter
            request.getParameterMap();
        } catch (RuntimeException unreadable) {
            logger.info("Refused an unreadable multipart request: " + unreadable.getMessage());
            refuse(request, response, HttpStatus.BAD_REQUEST, "problem.detail.unreadable", "upload.unreadable.title",
                    "upload.unreadable");
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String problem,
            String titleKey, String textKey) throws IOException {
        String accept = request.getHeader("Accept");
        if (accept == null || !accept.contains("text/html")) {
            problems.write(request, response, status, problem);
            return;
        }
        Locale locale = Problems.localeOf(request);
        new ShortPage(messages.getMessage(titleKey, null, locale), messages.getMessage(textKey, new Object[] {5}, locale),
                messages.getMessage("app.name", null, locale), messages.getMessage("error.home", null, locale), "/")
                .write(response, status, locale);
    }
}
